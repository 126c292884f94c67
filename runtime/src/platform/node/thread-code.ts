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
 * other processes find them (thread-code-store.ts). When the sources changed only inside modules
 * (a learner's edit; their imports the same), those modules alone are compiled again, and the
 * others' files taken from the last build: about 20 ms instead of 300 for a lesson's 80 modules.
 * When a build cannot be made, the threads fall back to registering tsx.
 */
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  type BuildGraph,
  compileGraph,
  graphFromJson,
  graphToJson,
  recompileModules,
} from './thread-code-compile.ts';
import {
  BUILD_DIR,
  type CompiledFile,
  changedInputs,
  type Inputs,
  isFresh,
  lastRecordedBuild,
  markUsed,
  recordBuild,
  store,
  storedFiles,
  type ThreadCode,
} from './thread-code-store.ts';

export type { ThreadCode };

/**
 * One build of a set of modules: its code, none when it failed, the sources it read, to tell
 * when it is stale, and its graph, for the next build. A failed build is not tried again until
 * one of those sources changes.
 */
interface Attempt {
  readonly code: ThreadCode | undefined;
  readonly inputs: Inputs;
  readonly graph?: BuildGraph | undefined;
}

const attempts = new Map<string, Promise<Attempt>>();

/** The JavaScript for threads running the thread host at `hostUrl` and the actor modules at `moduleUrls`; undefined when it cannot be built. */
export function threadCode(hostUrl: string, moduleUrls: readonly string[]): Promise<ThreadCode | undefined> {
  const entries = [...new Set([hostUrl, ...moduleUrls])].sort();
  if (!entries.every((url) => url.startsWith('file:'))) return Promise.resolve(undefined);
  const key = entries.join('\n');
  const known = attempts.get(key);
  const attempt = known
    ? known.then((last) => (isFresh(last.inputs) ? last : attemptBuild(key, hostUrl, entries, last)))
    : attemptBuild(key, hostUrl, entries);
  return attempt.then((a) => a.code);
}

/** A build for `entries`: the recorded one if it is fresh, else the last one brought up to date, else a new one. */
function attemptBuild(
  key: string,
  hostUrl: string,
  entries: readonly string[],
  last?: Attempt,
): Promise<Attempt> {
  const attempt = (last ? Promise.resolve(last) : recordedAttempt(key)).then(async (previous) => {
    const changed = previous && changedInputs(previous.inputs);
    if (previous && changed?.size === 0) {
      if (!last && previous.code) markUsed(key, previous.code); // taken from the record
      return previous;
    }
    const updated =
      previous && changed && (await updatedBuild(hostUrl, entries, previous, changed).catch(() => undefined));
    const built = updated ?? (await fullBuild(hostUrl, entries));
    if (built.code) await recordBuild(key, built.code, built.inputs, built.graph && graphToJson(built.graph));
    return built;
  });
  attempts.set(key, attempt);
  return attempt;
}

/** The build another process (or this one, earlier) recorded for `key`, fresh or not. */
async function recordedAttempt(key: string): Promise<Attempt | undefined> {
  const recorded = await lastRecordedBuild(key);
  return recorded && { code: recorded.code, inputs: recorded.inputs, graph: graphFromJson(recorded.graph) };
}

/** Every module the entries reach, compiled; a build that fails gives no code. */
function fullBuild(hostUrl: string, entries: readonly string[]): Promise<Attempt> {
  const inputs: Inputs = new Map();
  // A module that does not compile is reported by tsx, as its thread imports it: the same
  // message as on the main thread, where the learner sees it first.
  return compileGraph(entries, inputs)
    .then(async ({ files, graph }) => ({
      code: await storeBuild(hostUrl, entries, files, graph),
      inputs,
      graph,
    }))
    .catch(() => ({ code: undefined, inputs }));
}

/**
 * `previous` brought up to date by compiling again only its sources that `changed` (with their
 * stamps now), when that is enough: each is one of its modules and imports what it did.
 * Undefined when the graph must be compiled whole.
 */
async function updatedBuild(
  hostUrl: string,
  entries: readonly string[],
  previous: Attempt,
  changed: Inputs,
): Promise<Attempt | undefined> {
  const { code, graph } = previous;
  const sources = [...changed.keys()];
  if (!code || !graph || !sources.every((path) => graph.outputOf.has(path))) return undefined;
  // Stamped before the compiler reads them: a save from then on makes the build stale again.
  const inputs: Inputs = new Map([...previous.inputs, ...changed]);
  const compiled = await recompileModules(sources, graph);
  if (!compiled) return undefined;
  const kept = graph.modules
    .filter((source) => !changed.has(source))
    .flatMap((source) => {
      const output = graph.outputOf.get(source) as string;
      return [output, `${output}.map`];
    });
  const unchanged = await storedFiles(code, kept);
  if (!unchanged) return undefined;
  return { code: await storeBuild(hostUrl, entries, [...unchanged, ...compiled], graph), inputs, graph };
}

/** Stores a build's files; the URLs of the thread host and of each entry's file in that store. */
async function storeBuild(
  hostUrl: string,
  entries: readonly string[],
  files: readonly CompiledFile[],
  graph: BuildGraph,
): Promise<ThreadCode> {
  const folder = await store(files);
  const urls: Record<string, string> = {};
  for (const url of entries) {
    const output = graph.outputOf.get(fileURLToPath(url));
    if (output) urls[url] = pathToFileURL(join(folder, relative(BUILD_DIR, output))).href;
  }
  const host = urls[hostUrl];
  if (!host) throw new Error('the thread host is missing from the build');
  return { hostUrl: host, modules: urls };
}
