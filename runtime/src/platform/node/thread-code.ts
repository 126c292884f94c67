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
 * - packages installed in node_modules are imported from there, not bundled.
 * One thing differs: `import.meta.resolve` resolves from the compiled file (the runtime calls it
 * on the main thread only). A graph with CommonJS files of its own is not compiled.
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
import type { Loader, Metafile, OutputFile, Plugin } from 'esbuild';

/** A finished build: where the thread host and each actor module (by source URL) are as JavaScript. */
export interface ThreadCode {
  readonly hostUrl: string;
  readonly modules: Readonly<Record<string, string>>;
}

interface Build extends ThreadCode {
  /** The sources it was made from, with their modification times, to tell when it is stale. */
  readonly inputs: readonly { readonly path: string; readonly mtimeMs: number }[];
}

const builds = new Map<string, Promise<Build | undefined>>();

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
  const known = builds.get(key);
  if (known) {
    const fresh = known.then((build) => (build && isFresh(build) ? build : undefined));
    return fresh.then((build) => build ?? rebuild(key, hostUrl, entries));
  }
  return rebuild(key, hostUrl, entries);
}

function rebuild(key: string, hostUrl: string, entries: readonly string[]): Promise<Build | undefined> {
  // A module that does not compile is reported by tsx, as its thread imports it: the same
  // message as on the main thread, where the learner sees it first.
  const build = bundle(hostUrl, entries).catch(() => undefined);
  builds.set(key, build);
  return build;
}

function isFresh(build: Build): boolean {
  try {
    return build.inputs.every((input) => statSync(input.path).mtimeMs === input.mtimeMs);
  } catch {
    return false; // a source was removed
  }
}

async function bundle(hostUrl: string, entries: readonly string[]): Promise<Build> {
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
    plugins: [installedPackagesStayExternal, sourceFileMeta],
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
  return { hostUrl: host, modules, inputs: inputsOf(result.metafile) };
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

function inputsOf(metafile: Metafile): Build['inputs'] {
  return Object.keys(metafile.inputs).map((input) => {
    const path = resolve('/', input);
    return { path, mtimeMs: statSync(path).mtimeMs };
  });
}

const RESOLVING = Symbol('resolving');
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

/** `import.meta.url`, `dirname` and `filename` of a bundled source file stay its own. */
const sourceFileMeta: Plugin = {
  name: 'source-file-meta',
  setup(build) {
    build.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, async (args) => {
      if (args.path.includes(IN_NODE_MODULES)) return undefined;
      const source = await readFile(args.path, 'utf8');
      const meta: Record<string, string> = {
        url: pathToFileURL(args.path).href,
        dirname: resolve(args.path, '..'),
        filename: args.path,
      };
      const contents = source.replace(/\bimport\.meta\.(url|dirname|filename)\b/g, (_, field: string) =>
        JSON.stringify(meta[field]),
      );
      return { contents, loader: loaderFor(args.path) };
    });
  },
};
