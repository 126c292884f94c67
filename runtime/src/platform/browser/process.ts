/**
 * A small stand-in for Node's `process`, for code that runs in a browser worker: the
 * runtime's own (the browser build injects it wherever the bundled code says `process`),
 * commander's (its `node:process`), and the lesson's (`installShell` makes it the global).
 * It has what that code uses: argv, env, exitCode, exit, stdout/stderr, signals, cwd,
 * nextTick. Output goes to the sink the host installed (by default the console).
 */
export type OutputStreamName = 'stdout' | 'stderr';
export type OutputSink = (stream: OutputStreamName, text: string) => void;

/** Thrown by `process.exit`: like Node's, the call never returns. */
export class ProcessExit extends Error {
  constructor(readonly code: number) {
    super(`process.exit(${code})`);
    this.name = 'ProcessExit';
  }
}

const decoder = new TextDecoder();
const consoleSink: OutputSink = (stream, text) =>
  (stream === 'stdout' ? console.log : console.error)(text.replace(/\n$/, ''));

let sink: OutputSink = consoleSink;
let colours = false;

class OutputStream {
  columns = 100;
  constructor(private readonly stream: OutputStreamName) {}
  /** A terminal when the host said it shows colours (as a TTY on Node). */
  get isTTY(): boolean {
    return colours;
  }
  hasColors(): boolean {
    return colours;
  }
  write(chunk: string | Uint8Array, callback?: () => void): boolean {
    sink(this.stream, typeof chunk === 'string' ? chunk : decoder.decode(chunk));
    callback?.();
    return true;
  }
}

type Listener = (...args: unknown[]) => void;
const listeners = new Map<string, Listener[]>();
let exitHandler: (code: number) => void = () => {};

export const process = {
  argv: ['node', 'main.js'] as string[],
  execArgv: [] as string[],
  execPath: 'node',
  env: {} as Record<string, string | undefined>,
  exitCode: undefined as number | string | undefined,
  platform: 'browser',
  version: 'v20.0.0',
  versions: {} as Record<string, string>,
  pid: 1,
  stdout: new OutputStream('stdout'),
  stderr: new OutputStream('stderr'),
  cwd: () => '/',
  uptime: () => performance.now() / 1000,
  hrtime: Object.assign(
    (previous?: [number, number]): [number, number] => {
      const nanos = Math.round(performance.now() * 1e6) - (previous ? previous[0] * 1e9 + previous[1] : 0);
      return [Math.floor(nanos / 1e9), nanos % 1e9];
    },
    { bigint: () => BigInt(Math.round(performance.now() * 1e6)) },
  ),
  memoryUsage: () => ({ rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 }),
  nextTick: (callback: Listener, ...args: unknown[]) => queueMicrotask(() => callback(...args)),
  exit(code?: number | string): never {
    const exitCode = Number(code ?? process.exitCode ?? 0);
    process.exitCode = exitCode;
    exitHandler(exitCode);
    throw new ProcessExit(exitCode);
  },
  on(event: string, listener: Listener) {
    listeners.set(event, [...(listeners.get(event) ?? []), listener]);
    return process;
  },
  once(event: string, listener: Listener) {
    const once: Listener = (...args) => {
      process.off(event, once);
      listener(...args);
    };
    return process.on(event, once);
  },
  off(event: string, listener: Listener) {
    listeners.set(
      event,
      (listeners.get(event) ?? []).filter((l) => l !== listener),
    );
    return process;
  },
  removeListener(event: string, listener: Listener) {
    return process.off(event, listener);
  },
  emit(event: string, ...args: unknown[]): boolean {
    const current = listeners.get(event) ?? [];
    for (const listener of current) listener(...args);
    return current.length > 0;
  },
  listenerCount: (event: string) => listeners.get(event)?.length ?? 0,
};

export default process;

/** Where stdout and stderr go, whether they show colours, and what `process.exit` does. */
export function configureProcess(options: {
  sink: OutputSink;
  colours: boolean;
  onExit: (code: number) => void;
}): void {
  sink = options.sink;
  colours = options.colours;
  exitHandler = options.onExit;
}

/** The current sink (actor threads' console output is written to it on the main thread). */
export function writeOutput(stream: OutputStreamName, text: string): void {
  sink(stream, text);
}
