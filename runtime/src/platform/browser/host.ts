/**
 * The browser host API (`@steady/runtime/browser-host`, `browser-host.js` in the browser
 * build): what a page's engine calls inside a worker to run a lesson's program or tests there.
 *
 *   installShell({ sink })         once per worker: `process`, console and log lines → sink
 *   prewarmActorThread()           starts the first actor thread's worker ahead of the program
 *   runMain(entryUrl, argv)        imports the program's entry as `node src/main.ts …` would run it
 *   requestStop()                  graceful stop: every running graph is asked to shut down
 *   telemetrySnapshot()            the live DOT and metrics of the graph with telemetry on
 *
 * `program-worker.ts` wraps these in a message protocol for a worker the page starts.
 */
import { requestShutdownOfRunningGraphs } from '../running-graphs.ts';
import { configureProcess, type OutputSink, ProcessExit, process } from './process.ts';
import { formatArgs } from './threads.ts';

export { type OutputSink, ProcessExit } from './process.ts';
export { type TelemetrySnapshot, telemetrySnapshot } from './telemetry-port.ts';
export { prewarmActorThread, threadsSettled } from './threads.ts';

import { routeTelemetryFetches } from './telemetry-port.ts';

export interface ShellOptions {
  /** Where stdout and stderr go: the program's log lines, console output, usage text. */
  readonly sink: OutputSink;
  /** The program's arguments (after `node src/main.ts`); runMain sets them too. */
  readonly argv?: readonly string[];
  /** `process.env` (LOG_LEVEL, …). */
  readonly env?: Readonly<Record<string, string>>;
  /** Whether the output shows ANSI colours, as a terminal does (default true). */
  readonly colours?: boolean;
}

let exitRequested: ((code: number) => void) | undefined;

/**
 * Prepares this worker to run lesson code written for Node: a global `process` (the same one
 * the runtime uses), console.* and the runtime's log lines (of every thread) written to `sink`.
 */
export function installShell(options: ShellOptions): typeof process {
  if (typeof options?.sink !== 'function') throw new TypeError('installShell needs { sink(stream, text) }');
  configureProcess({
    sink: options.sink,
    colours: options.colours ?? true,
    onExit: (code) => exitRequested?.(code),
  });
  process.argv = ['node', 'main.js', ...(options.argv ?? [])];
  process.env = { ...options.env };
  const write =
    (stream: 'stdout' | 'stderr') =>
    (...args: unknown[]) =>
      options.sink(stream, `${formatArgs(args)}\n`);
  Object.assign(console, {
    log: write('stdout'),
    info: write('stdout'),
    debug: write('stdout'),
    warn: write('stderr'),
    error: write('stderr'),
  });
  (globalThis as { process?: unknown }).process = process;
  routeTelemetryFetches();
  return process;
}

/**
 * Runs a program's entry module as Node runs `node <entry> …argv`: `process.argv[1]` is the
 * entry URL (so `import.meta.url === pathToFileURL(process.argv[1]).href` holds), and the exit
 * code is `process.exit(n)`'s n, else 1 after an uncaught error (its stack on stderr), else
 * `process.exitCode ?? 0` once the module's evaluation (its top-level await) has finished.
 */
export async function runMain(entryUrl: string, argv: readonly string[]): Promise<number> {
  if (typeof entryUrl !== 'string' || !/^(https?|blob|file):/.test(entryUrl)) {
    throw new TypeError(
      `runMain needs the absolute URL of the program's entry, got ${JSON.stringify(entryUrl)}`,
    );
  }
  if (!Array.isArray(argv) || !argv.every((a) => typeof a === 'string')) {
    throw new TypeError('runMain needs argv as an array of strings');
  }
  process.argv = ['node', entryUrl, ...argv];
  process.exitCode = undefined;
  const exited = new Promise<number>((resolve) => {
    exitRequested = resolve;
  });
  const finished = import(/* @vite-ignore */ entryUrl).then(
    () => Number(process.exitCode ?? 0),
    (error: unknown) => {
      if (error instanceof ProcessExit) return error.code;
      process.stderr.write(`${error instanceof Error ? (error.stack ?? String(error)) : String(error)}\n`);
      return 1;
    },
  );
  try {
    return await Promise.race([finished, exited]);
  } finally {
    exitRequested = undefined;
  }
}

/** Asks every running graph of this worker to shut down (a graceful Stop); returns how many. */
export function requestStop(): number {
  process.emit('SIGINT', 'SIGINT');
  return requestShutdownOfRunningGraphs();
}
