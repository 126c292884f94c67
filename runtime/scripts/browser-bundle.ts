/**
 * The esbuild options of the runtime's browser build, shared by `build-browser.ts` (writes
 * `dist/browser/`) and the browser tests (build in memory).
 *
 * Entries become ES modules side by side (shared code in `chunk-*.js` next to them, so one
 * module instance per worker and `new URL('./worker-host.js', import.meta.url)` finds the
 * actor threads' entry). The `browser` condition picks `src/platform/browser.ts` for
 * `#platform`. Node built-ins are replaced by the stand-ins in `src/platform/browser/node/`:
 * faithful ones for what lessons 01-04 use, throwing ones for the rest (see docs/platform.md).
 */
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildOptions, Metafile, Plugin } from 'esbuild';

const source = (path: string) => fileURLToPath(new URL(`../src/${path}`, import.meta.url));

/** Output file (without .js) → source entry. */
export const BROWSER_ENTRIES: Readonly<Record<string, string>> = {
  index: source('index.ts'),
  testing: source('testing/index.ts'),
  'browser-host': source('platform/browser/host.ts'),
  'program-worker': source('browser-entries/program-worker.ts'),
  'worker-host': source('browser-entries/actor-thread.ts'),
  'node/url': source('platform/browser/node/url.ts'),
  'node/worker_threads': source('platform/browser/node/worker_threads.ts'),
  'node/process': source('platform/browser/process.ts'),
};

/** Node built-in → its browser stand-in. */
const STAND_INS: Readonly<Record<string, string>> = {
  url: source('platform/browser/node/url.ts'),
  worker_threads: source('platform/browser/node/worker_threads.ts'),
  process: source('platform/browser/process.ts'),
  util: source('platform/browser/node/util.ts'),
};
const PROCESS_FOR_REQUIRE = source('platform/browser/node/process.cjs');
const UNAVAILABLE = source('platform/browser/node/unavailable.ts');
const UNAVAILABLE_MODULES = [
  ...['dgram', 'dns', 'dns/promises', 'net', 'http', 'https', 'zlib', 'cluster'], // networking
  ...['child_process', 'fs', 'fs/promises', 'path', 'os', 'v8', 'perf_hooks'], // processes, files, VM
];

/** Built-ins whose npm namesake is made for browsers: Node's EventEmitter and Buffer. */
const NPM_REPLACEMENTS = ['events', 'buffer'];
const RESOLVING_PACKAGE = Symbol('resolving the npm package of a built-in');

/** Node's built-ins, for the browser: stand-ins, `events` and `buffer` from npm, the rest unavailable. */
const nodeBuiltins: Plugin = {
  name: 'node-builtins-for-the-browser',
  setup(build) {
    build.onResolve({ filter: /^(node:)?[a-z0-9_/]+$/ }, async (args) => {
      if (args.pluginData === RESOLVING_PACKAGE) return undefined;
      const name = args.path.replace(/^node:/, '');
      if (NPM_REPLACEMENTS.includes(name)) {
        const options = { kind: args.kind, resolveDir: args.resolveDir, pluginData: RESOLVING_PACKAGE };
        return build.resolve(name, options);
      }
      if (name === 'process' && args.kind === 'require-call') return { path: PROCESS_FOR_REQUIRE };
      const standIn = STAND_INS[name];
      if (standIn) return { path: standIn };
      if (UNAVAILABLE_MODULES.includes(name)) return { path: UNAVAILABLE };
      if (args.path.startsWith('node:'))
        return { errors: [{ text: `no browser stand-in for ${args.path}` }] };
      return undefined; // an npm package: normal resolution
    });
  },
};

const ENTRIES_FOLDER = dirname(source('browser-entries/program-worker.ts'));

/**
 * A worker's entry (`src/browser-entries/`) that imports the source of another entry gets that
 * entry's output file instead (`import "./index.js"`), not its code copied into shared chunks:
 * a learner's `import … from '@steady/runtime'` asks for `index.js` itself, and a worker that
 * brought only the chunks still waited for that file, then for what it imports, one round trip
 * each, after `main.ts` or the actor's module had arrived. Same URL, same module instance.
 */
const siblingEntries: Plugin = {
  name: 'sibling-entries',
  setup(build) {
    const outputByPath = new Map(Object.entries(BROWSER_ENTRIES).map(([out, path]) => [path, out]));
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (dirname(args.importer) !== ENTRIES_FOLDER) return undefined;
      const output = outputByPath.get(resolve(args.resolveDir, args.path));
      return output ? { path: `./${output}.js`, external: true } : undefined;
    });
  },
};

export function browserBuildOptions(outdir: string): BuildOptions {
  return {
    entryPoints: BROWSER_ENTRIES,
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['browser'],
    target: 'es2022',
    chunkNames: 'chunk-[hash]',
    inject: [source('platform/browser/globals.ts')],
    plugins: [siblingEntries, nodeBuiltins],
    metafile: true,
    sourcemap: 'linked',
    logLevel: 'warning',
    legalComments: 'none',
    // Smaller to parse in every worker (646 → 401 KiB); names are kept, so stack frames still name
    // the runtime's functions, and the linked source maps point at the sources.
    minifyWhitespace: true,
    minifySyntax: true,
  };
}

/** The workers' entries: each names its whole static module graph (see `withWholeGraphImports`). */
const WORKER_ENTRIES = ['program-worker.js', 'worker-host.js'];

/**
 * What each output imports statically, by absolute path (esbuild's metafile names outputs relative
 * to the working directory; a sibling entry's import is external, `./index.js`).
 */
function staticImports(metafile: Metafile): Map<string, string[]> {
  return new Map(
    Object.entries(metafile.outputs).map(([path, output]) => [
      resolve(path),
      output.imports
        .filter((i) => i.kind === 'import-statement')
        .map((i) => (i.external ? resolve(dirname(resolve(path)), i.path) : resolve(i.path))),
    ]),
  );
}

/**
 * A worker entry's text with an `import "./chunk-….js";` added for every module of its static
 * graph that it does not import itself. A worker learns a module's imports only once that module
 * has arrived: the program worker's runtime came in three waves, each a round trip through the
 * Service Worker (100-200 ms apart on a first visit, while that worker was busiest). Named in the
 * entry, they all come in the first. Evaluation order stays: a module still runs after what it
 * imports, wherever else it is named. Added before the source-map comment, so no mapping moves.
 * Other outputs are returned as they are.
 */
export function withWholeGraphImports(metafile: Metafile, outputPath: string, text: string): string {
  const entry = resolve(outputPath);
  if (!WORKER_ENTRIES.some((name) => entry.endsWith(`/${name}`))) return text;
  const imports = staticImports(metafile);
  const direct = new Set(imports.get(entry));
  const graph = new Set<string>();
  const visit = (path: string) => {
    if (graph.has(path)) return;
    graph.add(path);
    for (const imported of imports.get(path) ?? []) visit(imported);
  };
  visit(entry);
  const missing = [...graph].filter((path) => path !== entry && !direct.has(path));
  if (missing.length === 0) return text;
  const added = missing.map((path) => `import "./${relative(dirname(entry), path)}";\n`).join('');
  const mapComment = text.lastIndexOf('\n//# sourceMappingURL=');
  if (mapComment < 0) return `${text}\n${added}`;
  return `${text.slice(0, mapComment + 1)}${added}${text.slice(mapComment + 1)}`;
}
