/**
 * The compiler behind thread-code.ts, on esbuild: which modules a graph's entries reach and where
 * each import leads (a bundling pass whose code is not used), then each module compiled alone to
 * a file of its own, its imports pointed at the other files. What a build learnt of the graph is
 * kept with it (`BuildGraph`), so that a later build whose sources changed only inside modules
 * (their imports the same) compiles those modules alone.
 */
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as lexer from 'es-module-lexer';
import type { BuildOptions, Loader, Plugin, PluginBuild } from 'esbuild';
import { BUILD_DIR, type CompiledFile, type Inputs, stampOf } from './thread-code-store.ts';

/** Where an import led: a file of the build, or (external) an installed package's URL. */
export interface Resolution {
  readonly path: string;
  readonly external: boolean;
}

/** Importer path → its specifiers → where each led. */
export type Resolutions = Map<string, Map<string, Resolution>>;

/**
 * What a build learnt of its modules: each source compiled (by absolute path), its file under
 * BUILD_DIR, where each of its specifiers led, and the specifiers its compiled code imports.
 */
export interface BuildGraph {
  readonly modules: readonly string[];
  readonly outputOf: ReadonlyMap<string, string>;
  readonly resolutions: Resolutions;
  readonly specifiers: ReadonlyMap<string, readonly string[]>;
}

/** A build's files and its graph. */
export interface Compiled {
  readonly files: CompiledFile[];
  readonly graph: BuildGraph;
}

/**
 * Compiles every module the entries reach to a file of its own, noting in `inputs` each source it
 * reads. Not a bundle: esbuild's bundles turn each module's top-level `const` into `var`, and V8
 * then reloads and checks such a binding on every use instead of folding the constant in (lesson
 * 04's FizzBuzz table, read once per message, made its graph about a fifth slower). A module
 * compiled alone keeps its declarations, as under tsx.
 */
export async function compileGraph(entries: readonly string[], inputs: Inputs): Promise<Compiled> {
  const { build } = await import('esbuild');
  const resolutions: Resolutions = new Map();
  const modules = await moduleGraph(build, entries, inputs, resolutions);
  const outputOf = new Map<string, string>();
  const specifiers = new Map<string, readonly string[]>();
  const files = await compileEach(build, modules, { modules, outputOf, resolutions, specifiers });
  return { files, graph: { modules, outputOf, resolutions, specifiers } };
}

/**
 * The files of `changed` (modules of `graph`) compiled again, linked as the graph says; undefined
 * when one of them now imports other specifiers than it did (the graph may have changed: the
 * caller compiles it whole).
 */
export async function recompileModules(
  changed: readonly string[],
  graph: BuildGraph,
): Promise<CompiledFile[] | undefined> {
  const { build } = await import('esbuild');
  const outputOf = new Map(graph.outputOf);
  const specifiers = new Map<string, readonly string[]>();
  const files = await compileEach(build, changed, { ...graph, outputOf, specifiers });
  for (const source of changed) {
    const before = graph.specifiers.get(source) ?? [];
    const now = specifiers.get(source) ?? [];
    if (now.length !== before.length || now.some((s, i) => s !== before[i])) return undefined;
  }
  return files;
}

/** A graph as JSON, for the build's record. */
export function graphToJson(graph: BuildGraph): unknown {
  return {
    modules: graph.modules,
    outputs: [...graph.outputOf],
    resolutions: [...graph.resolutions].map(([importer, bySpecifier]) => [
      importer,
      [...bySpecifier].map(([specifier, { path, external }]) => [specifier, path, external]),
    ]),
    specifiers: [...graph.specifiers],
  };
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isPair = (value: unknown): value is [string, unknown] =>
  Array.isArray(value) && value.length === 2 && isString(value[0]);
const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every(isString);

/** A graph read back from a record; undefined for anything this module did not write. */
export function graphFromJson(json: unknown): BuildGraph | undefined {
  const { modules, outputs, resolutions, specifiers } = (json ?? {}) as Record<string, unknown>;
  if (
    !isStringList(modules) ||
    !Array.isArray(outputs) ||
    !Array.isArray(resolutions) ||
    !Array.isArray(specifiers)
  )
    return undefined;
  if (!outputs.every((o) => isPair(o) && isString(o[1]))) return undefined;
  if (!specifiers.every((s) => isPair(s) && isStringList(s[1]))) return undefined;
  const byImporter: Resolutions = new Map();
  for (const entry of resolutions) {
    if (!isPair(entry) || !Array.isArray(entry[1])) return undefined;
    const bySpecifier = new Map<string, Resolution>();
    for (const r of entry[1] as unknown[]) {
      if (!Array.isArray(r) || !isString(r[0]) || !isString(r[1]) || typeof r[2] !== 'boolean')
        return undefined;
      bySpecifier.set(r[0], { path: r[1], external: r[2] });
    }
    byImporter.set(entry[0], bySpecifier);
  }
  return {
    modules,
    outputOf: new Map(outputs as [string, string][]),
    resolutions: byImporter,
    specifiers: new Map(specifiers as [string, string[]][]),
  };
}

/** esbuild's `build`, imported when a build is first needed. */
type BuildFunction = typeof import('esbuild')['build'];

const COMMON = {
  outdir: BUILD_DIR,
  write: false,
  format: 'esm',
  platform: 'node',
  target: `node${process.versions.node}`,
  metafile: true,
  logLevel: 'silent',
  absWorkingDir: '/',
} as const satisfies BuildOptions;

function stampIfThere(inputs: Inputs, path: string): void {
  try {
    inputs.set(path, stampOf(statSync(path)));
  } catch {
    // gone: nothing to watch
  }
}

/**
 * The modules the entries reach, followed as a bundle would (this pass's code is not used), with
 * what each specifier of each module resolved to, in `resolutions`, and each source's stamp, in
 * `inputs`, taken before the second pass reads it: a change from then on makes the build stale.
 */
async function moduleGraph(
  build: BuildFunction,
  entries: readonly string[],
  inputs: Inputs,
  resolutions: Resolutions,
): Promise<string[]> {
  const entryPaths = entries.map((url) => fileURLToPath(url));
  const graph = await build({
    ...COMMON,
    entryPoints: entryPaths,
    bundle: true,
    plugins: [installedPackagesStayExternal(resolutions, inputs)],
  }).catch((error: { errors?: { location?: { file: string } | null }[] }) => {
    // Remembered as failed until the entries or a file the errors name changes.
    const named = (error.errors ?? []).flatMap((e) => (e.location ? [resolve('/', e.location.file)] : []));
    for (const path of [...entryPaths, ...named]) stampIfThere(inputs, path);
    throw error;
  });
  // CommonJS among ES modules loses `require` (esbuild's stand-in throws for anything it could not
  // inline): such a graph keeps tsx, which loads the files as Node would.
  const commonJs = Object.keys(graph.metafile.inputs).filter(
    (i) => graph.metafile.inputs[i]?.format === 'cjs',
  );
  if (commonJs.length > 0) throw new Error(`CommonJS sources: ${commonJs.join(', ')}`);
  const modules: string[] = [];
  for (const [input, { imports }] of Object.entries(graph.metafile.inputs)) {
    const path = resolve('/', input);
    inputs.set(path, stampOf(statSync(path)));
    if (/\.[cm]?[jt]sx?$/.test(path)) modules.push(path);
    const bySpecifier = resolutionsOf(resolutions, path);
    for (const { path: target, original, external } of imports)
      if (original !== undefined && !external) bySpecifier.set(original, { path: target, external: false });
  }
  return modules;
}

/**
 * Each of `modules` compiled alone, its file mirroring its source's path under BUILD_DIR, its
 * imports pointed at their targets' files (`linkImports`). Notes each source's file in
 * `graph.outputOf` and the specifiers its code imports in `graph.specifiers`.
 */
async function compileEach(
  build: BuildFunction,
  modules: readonly string[],
  graph: BuildGraph & {
    readonly outputOf: Map<string, string>;
    readonly specifiers: Map<string, readonly string[]>;
  },
): Promise<CompiledFile[]> {
  const compiled = await build({
    ...COMMON,
    entryPoints: [...modules],
    outbase: '/',
    entryNames: '[dir]/[name]',
    sourcemap: 'linked',
    sourcesContent: false, // stack traces need the mappings only: the sources are where they say
    plugins: [keepImportMeta],
  });
  const sourceOf = new Map<string, string>();
  for (const [output, { entryPoint }] of Object.entries(compiled.metafile.outputs)) {
    if (!entryPoint) continue;
    graph.outputOf.set(resolve('/', entryPoint), resolve('/', output));
    sourceOf.set(resolve('/', output), resolve('/', entryPoint));
  }
  await lexer.init;
  return compiled.outputFiles.map((file) => {
    const source = sourceOf.get(file.path);
    if (source === undefined) return { path: file.path, contents: file.contents }; // a source map
    const [imports] = lexer.parse(file.text);
    const named = imports.flatMap(({ n, d }) => (n === undefined || d === -2 ? [] : [n]));
    graph.specifiers.set(source, [...new Set(named)].sort());
    return {
      path: file.path,
      contents: Buffer.from(linkImports(file.text, imports, source, graph.resolutions, graph.outputOf)),
    };
  });
}

/** Points each import of a compiled module where its source's import led (see `linkTo`). */
function linkImports(
  code: string,
  imports: readonly lexer.ImportSpecifier[],
  source: string,
  resolutions: Resolutions,
  outputOf: ReadonlyMap<string, string>,
): string {
  let linked = code;
  // From the last to the first, so that the offsets still to come stay right.
  for (const { n: specifier, s: start, e: end, d: dynamic } of [...imports].reverse()) {
    if (specifier === undefined || dynamic === -2) continue; // import.meta, or a computed import()
    const link = linkTo(specifier, source, resolutions, outputOf);
    if (link === undefined) continue;
    // A static import's range is the text inside the quotes; a literal import()'s includes them.
    if (dynamic < 0 && /["'\\\n]/.test(link))
      throw new Error(`${source}: cannot write "${link}" as a specifier`);
    linked = linked.slice(0, start) + (dynamic >= 0 ? JSON.stringify(link) : link) + linked.slice(end);
  }
  return linked;
}

/**
 * Where `specifier` of `source` must lead in the compiled files: a module of the project to its
 * compiled file (relative, so that the folder can move), an installed package to its absolute URL,
 * any other file to itself; undefined for a built-in module, which stays as written.
 */
function linkTo(
  specifier: string,
  source: string,
  resolutions: Resolutions,
  outputOf: ReadonlyMap<string, string>,
): string | undefined {
  const target = resolutions.get(source)?.get(specifier);
  if (!target) {
    if (/^\.{0,2}\//.test(specifier)) throw new Error(`${source}: no resolution for "${specifier}"`);
    return undefined;
  }
  if (target.external) return target.path;
  const file = resolve('/', target.path);
  const output = outputOf.get(file);
  if (output === undefined) return pathToFileURL(file).href;
  const link = relative(dirname(outputOf.get(source) ?? source), output)
    .split(sep)
    .join('/');
  return link.startsWith('.') ? link : `./${link}`;
}

const RESOLVING = Symbol('resolving');
const RESOLVE_CALL = /\bimport\.meta\.resolve\(\s*(['"])([^'"\n]+)\1\s*\)/g;

/**
 * `import.meta.resolve` of a literal specifier, replaced by the URL it resolves to from the
 * source's folder (as Node would resolve it there); one that does not resolve is left to fail at
 * run time, as it would have.
 */
async function resolvedAtBuild(build: PluginBuild, source: string, path: string): Promise<string> {
  const urls = new Map<string, string>();
  for (const [, , specifier] of source.matchAll(RESOLVE_CALL)) {
    if (specifier === undefined || urls.has(specifier)) continue;
    const found = await build.resolve(specifier, {
      kind: 'dynamic-import',
      importer: path,
      resolveDir: dirname(path),
      pluginData: RESOLVING,
    });
    if (found.errors.length === 0 && found.path.startsWith(sep))
      urls.set(specifier, pathToFileURL(found.path).href);
  }
  return source.replace(RESOLVE_CALL, (call, _quote, specifier: string) => {
    const url = urls.get(specifier);
    return url === undefined ? call : JSON.stringify(url);
  });
}

const IN_NODE_MODULES = `${sep}node_modules${sep}`;

/**
 * Packages installed in node_modules are not bundled: they are JavaScript already, and some
 * locate their own files at run time (pino starts its transports by path). They are imported by
 * absolute URL, since the build's folder is not under the project. Workspace packages resolve
 * to their sources (the runtime, for a lesson) and are compiled like the lesson's own files.
 * Each package file imported is stamped in `inputs` too: a package installed anew makes the build
 * stale, since its compiled imports name that file.
 */
function installedPackagesStayExternal(resolutions: Resolutions, inputs: Inputs): Plugin {
  return {
    name: 'installed-packages-stay-external',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData === RESOLVING || args.path.startsWith('node:')) return undefined;
        const found = await build.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: RESOLVING,
        });
        if (found.errors.length > 0 || found.external || !found.path.includes(IN_NODE_MODULES)) return found;
        const url = pathToFileURL(found.path).href;
        resolutionsOf(resolutions, args.importer).set(args.path, { path: url, external: true });
        stampIfThere(inputs, found.path);
        return { path: url, external: true };
      });
    },
  };
}

function resolutionsOf(resolutions: Resolutions, importer: string): Map<string, Resolution> {
  const known = resolutions.get(importer);
  if (known) return known;
  const bySpecifier = new Map<string, Resolution>();
  resolutions.set(importer, bySpecifier);
  return bySpecifier;
}

function loaderFor(path: string): Loader {
  if (path.endsWith('.tsx')) return 'tsx';
  if (path.endsWith('.jsx')) return 'jsx';
  return /\.[cm]?ts$/.test(path) ? 'ts' : 'js';
}

/**
 * Keeps `import.meta.url`, `dirname` and `filename` of each compiled module its source's, and
 * resolves its `import.meta.resolve` of a literal where the source is. Every module is read here,
 * once; one without `import.meta` is handed to esbuild as it is.
 */
const keepImportMeta: Plugin = {
  name: 'keep-import-meta',
  setup(build) {
    build.onLoad({ filter: /\.[cm]?[jt]sx?$/, namespace: 'file' }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const loader = loaderFor(args.path);
      if (!source.includes('import.meta')) return { contents: source, loader };
      const meta: Record<string, string> = {
        url: pathToFileURL(args.path).href,
        dirname: resolve(args.path, '..'),
        filename: args.path,
      };
      const contents = source.replace(/\bimport\.meta\.(url|dirname|filename)\b/g, (_, field: string) =>
        JSON.stringify(meta[field]),
      );
      return { contents: await resolvedAtBuild(build, contents, args.path), loader };
    });
  },
};
