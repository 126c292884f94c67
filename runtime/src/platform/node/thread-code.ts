/**
 * JavaScript for actor threads, compiled once on the main thread. A Node 20 worker cannot use
 * the main thread's TypeScript loader: each thread would register tsx for itself (a loader
 * thread of its own, tsx and esbuild loaded twice), 250–450 ms before its first actor runs. So
 * when a graph starts, the main thread compiles the thread host and the graph's actor modules
 * with esbuild (the compiler tsx uses), and its threads import plain JavaScript.
 *
 * What a thread sees stays as it was under tsx:
 * - each module as written: compiled alone to a file of its own, its declarations kept (not
 *   bundled: see `compile`), and one instance of it per thread, whoever imports it;
 * - each module's `import.meta.url`, `dirname` and `filename`: rewritten to its source file's,
 *   so `defineActor(import.meta.url, …)` and `new URL('./data.json', import.meta.url)` still work;
 * - stack traces name the `.ts` sources (source maps, which the thread turns on);
 * - packages installed in node_modules are imported from there, not bundled;
 * - `import.meta.resolve('a literal')` gives what it gives in the source's folder: resolved as the
 *   build reads the source. (A specifier computed at run time resolves from the compiled file.)
 * A graph with CommonJS files of its own is not compiled.
 *
 * A set of actor modules is compiled again only when one of its sources changed: a process
 * remembers its builds, and the builds are kept, with a record of the sources each read, where
 * other processes find them (thread-code-store.ts). When a build cannot be made, the threads fall
 * back to registering tsx.
 */
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as lexer from 'es-module-lexer';
import type { BuildOptions, Loader, Plugin, PluginBuild } from 'esbuild';
import {
  BUILD_DIR,
  type Inputs,
  isFresh,
  recordBuild,
  recordedBuild,
  stampOf,
  store,
  type ThreadCode,
} from './thread-code-store.ts';

export type { ThreadCode };

/**
 * One build of a set of modules: its code, none when it failed, and the sources it read, to tell
 * when it is stale. A failed build is not tried again until one of those sources changes.
 */
interface Attempt {
  readonly code: ThreadCode | undefined;
  readonly inputs: Inputs;
}

const attempts = new Map<string, Promise<Attempt>>();

/** The JavaScript for threads running the thread host at `hostUrl` and the actor modules at `moduleUrls`; undefined when it cannot be built. */
export function threadCode(hostUrl: string, moduleUrls: readonly string[]): Promise<ThreadCode | undefined> {
  const entries = [...new Set([hostUrl, ...moduleUrls])].sort();
  if (!entries.every((url) => url.startsWith('file:'))) return Promise.resolve(undefined);
  const key = entries.join('\n');
  const known = attempts.get(key);
  const attempt = known
    ? known.then((last) => (isFresh(last.inputs) ? last : attemptBuild(key, hostUrl, entries)))
    : attemptBuild(key, hostUrl, entries);
  return attempt.then((a) => a.code);
}

function attemptBuild(key: string, hostUrl: string, entries: readonly string[]): Promise<Attempt> {
  const attempt = recordedBuild(key).then((recorded) => {
    if (recorded) return recorded;
    const inputs: Inputs = new Map();
    // A module that does not compile is reported by tsx, as its thread imports it: the same
    // message as on the main thread, where the learner sees it first.
    return compile(hostUrl, entries, inputs).then(
      async (code) => {
        await recordBuild(key, code, inputs);
        return { code, inputs };
      },
      () => ({ code: undefined, inputs }),
    );
  });
  attempts.set(key, attempt);
  return attempt;
}

function stampIfThere(inputs: Inputs, path: string): void {
  try {
    inputs.set(path, stampOf(statSync(path)));
  } catch {
    // gone: nothing to watch
  }
}

/** Where an import led: a file of the build, or (external) an installed package's URL. */
interface Resolution {
  readonly path: string;
  readonly external: boolean;
}

/** Importer path → its specifiers → where each led. */
type Resolutions = Map<string, Map<string, Resolution>>;

/**
 * Compiles every module the entries reach to a file of its own, noting in `inputs` each source it
 * reads. Not a bundle: esbuild's bundles turn each module's top-level `const` into `var`, and V8
 * then reloads and checks such a binding on every use instead of folding the constant in (lesson
 * 04's FizzBuzz table, read once per message, made its graph about a fifth slower). A module
 * compiled alone keeps its declarations, as under tsx.
 */
async function compile(hostUrl: string, entries: readonly string[], inputs: Inputs): Promise<ThreadCode> {
  const { build } = await import('esbuild');
  const resolutions: Resolutions = new Map();
  const modules = await moduleGraph(build, entries, inputs, resolutions);
  const { files, outputOf } = await compileEach(build, modules, resolutions);
  const folder = await store(files);
  const urls: Record<string, string> = {};
  for (const url of entries) {
    const output = outputOf.get(fileURLToPath(url));
    if (output) urls[url] = pathToFileURL(join(folder, relative(BUILD_DIR, output))).href;
  }
  const host = urls[hostUrl];
  if (!host) throw new Error('the thread host is missing from the build');
  return { hostUrl: host, modules: urls };
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
 * Each module compiled alone, its file mirroring its source's path under BUILD_DIR, its imports
 * pointed at their targets' files (`linkImports`); `outputOf` maps each source to its file.
 */
async function compileEach(build: BuildFunction, modules: readonly string[], resolutions: Resolutions) {
  const compiled = await build({
    ...COMMON,
    entryPoints: [...modules],
    outbase: '/',
    entryNames: '[dir]/[name]',
    sourcemap: 'linked',
    sourcesContent: false, // stack traces need the mappings only: the sources are where they say
    plugins: [keepImportMeta],
  });
  const outputOf = new Map<string, string>();
  const sourceOf = new Map<string, string>();
  for (const [output, { entryPoint }] of Object.entries(compiled.metafile.outputs)) {
    if (!entryPoint) continue;
    outputOf.set(resolve('/', entryPoint), resolve('/', output));
    sourceOf.set(resolve('/', output), resolve('/', entryPoint));
  }
  await lexer.init;
  const files = compiled.outputFiles.map((file) => {
    const source = sourceOf.get(file.path);
    if (source === undefined) return { path: file.path, contents: file.contents }; // a source map
    return { path: file.path, contents: Buffer.from(linkImports(file.text, source, resolutions, outputOf)) };
  });
  return { files, outputOf };
}

/** Points each import of a compiled module where its source's import led (see `linkTo`). */
function linkImports(
  code: string,
  source: string,
  resolutions: Resolutions,
  outputOf: ReadonlyMap<string, string>,
): string {
  const [imports] = lexer.parse(code);
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
