/**
 * JavaScript for actor threads, compiled once on the main thread. A Node 20 worker cannot use
 * the main thread's TypeScript loader: each thread would register tsx for itself (a loader
 * thread of its own, tsx and esbuild loaded twice), 250–450 ms before its first actor runs. So
 * when a graph starts, the main thread bundles the thread host and the graph's actor modules
 * with esbuild (the compiler tsx uses), and its threads import plain JavaScript.
 *
 * What a thread sees stays as it was under tsx:
 * - one instance of each module per thread: one build, split into shared chunks, so the thread
 *   host and every actor module of the graph import the same runtime;
 * - each module's `import.meta.url`, `dirname` and `filename`: rewritten to its source file's,
 *   so `defineActor(import.meta.url, …)` and `new URL('./data.json', import.meta.url)` still work;
 * - stack traces name the `.ts` sources (source maps, which the thread turns on);
 * - packages installed in node_modules are imported from there, not bundled;
 * - `import.meta.resolve('a literal')` gives what it gives in the source's folder: resolved as the
 *   build reads the source. (A specifier computed at run time resolves from the compiled file.)
 * A graph with CommonJS files of its own is not compiled.
 *
 * A process builds once per set of actor modules, and again only when one of its sources
 * changed. The JavaScript is written to a folder named by its content, under one folder of the
 * system's temporary directory: processes running the same code share it (a test suite starts
 * hundreds), a process that is killed leaves nothing of its own behind, and folders unused for a
 * day are removed. When a build cannot be made, the threads fall back to registering tsx.
 */
import { createHash } from 'node:crypto';
import { existsSync, statSync, utimesSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Loader, OutputFile, Plugin, PluginBuild } from 'esbuild';

/** A finished build: where the thread host and each actor module (by source URL) are as JavaScript. */
export interface ThreadCode {
  readonly hostUrl: string;
  readonly modules: Readonly<Record<string, string>>;
}

/** Source path → its modification time when the build read it. */
type Inputs = Map<string, number>;

/**
 * One build of a set of modules: its code, none when it failed, and the sources it read, to tell
 * when it is stale. A failed build is not tried again until one of those sources changes.
 */
interface Attempt {
  readonly code: ThreadCode | undefined;
  readonly inputs: Inputs;
}

const attempts = new Map<string, Promise<Attempt>>();

/** Where builds are kept: one folder per user, each build in a folder named by its content. */
const ROOT = join(tmpdir(), `steady-threads-${process.getuid?.() ?? 'user'}`);
/**
 * Where esbuild is told it writes: a sibling of the final folder, so that the relative paths in the
 * source maps stay right once the files are in their folder.
 */
const BUILD_DIR = join(ROOT, 'build');
const UNUSED_FOR_MS = 24 * 60 * 60 * 1000;

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
  const inputs: Inputs = new Map();
  // A module that does not compile is reported by tsx, as its thread imports it: the same
  // message as on the main thread, where the learner sees it first.
  const attempt = bundle(hostUrl, entries, inputs).then(
    (code) => ({ code, inputs }),
    () => ({ code: undefined, inputs }),
  );
  attempts.set(key, attempt);
  return attempt;
}

function isFresh(inputs: Inputs): boolean {
  try {
    for (const [path, mtimeMs] of inputs) if (statSync(path).mtimeMs !== mtimeMs) return false;
    return true;
  } catch {
    return false; // a source was removed
  }
}

/** Bundles the entries, noting in `inputs` each source it reads. */
async function bundle(hostUrl: string, entries: readonly string[], inputs: Inputs): Promise<ThreadCode> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: entries.map((url) => fileURLToPath(url)),
    outdir: BUILD_DIR,
    write: false,
    // Entry names are kept apart by their folders relative to the entries' common folder.
    entryNames: '[dir]/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: `node${process.versions.node}`,
    keepNames: true, // `behavior.name` is how a thread finds an actor's export
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: '/',
    plugins: [installedPackagesStayExternal, readSources(inputs)],
  });
  // CommonJS in a bundle of ES modules loses `require` (esbuild's stand-in throws for anything it
  // could not inline): such a graph keeps tsx, which loads the files as Node would.
  const commonJs = Object.keys(result.metafile.inputs).filter(
    (i) => result.metafile.inputs[i]?.format === 'cjs',
  );
  if (commonJs.length > 0) throw new Error(`CommonJS sources: ${commonJs.join(', ')}`);
  const folder = await store(result.outputFiles);
  const modules: Record<string, string> = {};
  for (const [output, { entryPoint }] of Object.entries(result.metafile.outputs)) {
    if (entryPoint) {
      const path = join(folder, relative(BUILD_DIR, resolve('/', output)));
      modules[pathToFileURL(resolve('/', entryPoint)).href] = pathToFileURL(path).href;
    }
  }
  const host = modules[hostUrl];
  if (!host) throw new Error('the thread host is missing from the build');
  return { hostUrl: host, modules };
}

/** Writes the files of a build to the folder named by their content, unless it is there already. */
async function store(files: readonly OutputFile[]): Promise<string> {
  const hash = createHash('sha256');
  for (const file of files) hash.update(relative(BUILD_DIR, file.path)).update(file.contents);
  const folder = join(ROOT, hash.digest('hex').slice(0, 20));
  if (existsSync(folder)) {
    const now = new Date();
    utimesSync(folder, now, now); // in use: not to be removed as unused
    return folder;
  }
  await mkdir(ROOT, { recursive: true });
  await removeUnused();
  // Written aside, then renamed: another process never sees a folder half written.
  const staging = await mkdtemp(join(ROOT, '.staging-'));
  for (const file of files) {
    const path = join(staging, relative(BUILD_DIR, file.path));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.contents);
  }
  // Another process that stored the same build first wins: ours is the same, and goes.
  await rename(staging, folder).catch(() => rm(staging, { recursive: true, force: true }));
  return folder;
}

async function removeUnused(): Promise<void> {
  for (const name of await readdir(ROOT)) {
    const path = join(ROOT, name);
    const unused = await stat(path).then(
      (s) => Date.now() - s.mtimeMs > UNUSED_FOR_MS,
      () => false,
    );
    if (unused) await rm(path, { recursive: true, force: true });
  }
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
 * to their sources (the runtime, for a lesson) and are bundled like the lesson's own files.
 */
const installedPackagesStayExternal: Plugin = {
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
      return { path: pathToFileURL(found.path).href, external: true };
    });
  },
};

function loaderFor(path: string): Loader {
  if (path.endsWith('.tsx')) return 'tsx';
  if (path.endsWith('.jsx')) return 'jsx';
  return /\.[cm]?ts$/.test(path) ? 'ts' : 'js';
}

/**
 * Notes each source's modification time before reading it (a change while the build runs makes
 * the build stale, not wrongly fresh), and keeps `import.meta.url`, `dirname` and `filename` of
 * the project's files their own.
 */
function readSources(inputs: Inputs): Plugin {
  return {
    name: 'read-sources',
    setup(build) {
      build.onLoad({ filter: /.*/, namespace: 'file' }, async (args) => {
        inputs.set(args.path, (await stat(args.path)).mtimeMs);
        if (args.path.includes(IN_NODE_MODULES) || !/\.[cm]?[jt]sx?$/.test(args.path)) return undefined;
        const source = await readFile(args.path, 'utf8');
        const meta: Record<string, string> = {
          url: pathToFileURL(args.path).href,
          dirname: resolve(args.path, '..'),
          filename: args.path,
        };
        const contents = source.replace(/\bimport\.meta\.(url|dirname|filename)\b/g, (_, field: string) =>
          JSON.stringify(meta[field]),
        );
        return { contents: await resolvedAtBuild(build, contents, args.path), loader: loaderFor(args.path) };
      });
    },
  };
}
