/**
 * What the runtime needs from the place it runs in, and nothing more. Two implementations,
 * `node.ts` (worker_threads, tsx, pino, node:http) and `browser.ts` (module Web Workers,
 * modules by URL, a host-provided output sink, no server), chosen by the package's
 * `#platform` import conditions, never by testing the environment in shared code.
 */
/** The levels of log records, lowest first (the logger's, restated: the platform imports nothing of the runtime). */
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

/** What the platform prints of a log record. */
export interface PrintableRecord {
  readonly time: number;
  readonly level: LogLevel;
  readonly source: string;
  readonly message: string;
}

/** A port to another thread: the spawned thread seen from its parent, or the parent seen from a thread. */
export interface MessagePortLike {
  post(message: unknown): void;
  /** Subscribes to the messages that arrive; returns the unsubscribe function. */
  onMessage(listener: (message: unknown) => void): () => void;
}

/** An actor thread seen from the thread that started it. */
export interface SpawnedThread extends MessagePortLike {
  /** An error nobody caught in the thread: the thread is gone (an exit follows). */
  onError(listener: (error: Error) => void): void;
  /** The thread ended: 0 when its work was done, another code when it died or was killed. */
  onExit(listener: (code: number) => void): void;
  /** Kills the thread at once; resolves when it is gone. */
  terminate(): Promise<void>;
}

/** One path of the telemetry "server": computed at each request (live figures) or read once (files). */
export interface Resource {
  readonly contentType: string;
  /** Cache-Control; live figures must not be cached (the default). */
  readonly cacheControl?: string;
  content(): string | Uint8Array | Promise<string | Uint8Array>;
}

/** Path (without query) → resource, e.g. `{ '/metrics': … }`. */
export type Routes = Readonly<Record<string, Resource>>;

/** Where the telemetry server reports (the runtime's logger; the platform cannot import it: a cycle). */
export interface ServerLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface RunningServer {
  /** Where the telemetry can be read: `http://ip:port` on Node, `steady-telemetry:` in a browser. */
  readonly address: string;
  close(): Promise<void>;
}

export interface Platform {
  readonly name: 'node' | 'browser';

  // Threads ------------------------------------------------------------------------------
  /** True on the thread that builds graphs; false on the actor threads the runtime starts. */
  readonly isMainThread: boolean;
  /** 0 on the main thread, then 1, 2, … for each thread started (as Node numbers them). */
  readonly threadId: number;
  /** On an actor thread: the port to the thread that started it. */
  readonly parentPort: MessagePortLike | undefined;
  /**
   * Called once as a graph starts, with the modules of every actor it runs on a thread: Node
   * compiles them and the thread host to JavaScript, so that its threads start without a
   * TypeScript loader; a browser has nothing to do (its Service Worker compiles each module).
   */
  prepareActorThreads(moduleUrls: readonly string[]): void;
  /**
   * Starts an actor thread running `worker-host` with the plan (its first message in a browser),
   * for actors defined in `moduleUrls`.
   */
  spawnActorThread(plan: unknown, name: string, moduleUrls: readonly string[]): SpawnedThread;
  /** On an actor thread: the plan it was started with. */
  threadPlan(): Promise<unknown>;
  /** On an actor thread: its actors are done; lets the thread end (a browser worker does not end by itself). */
  endActorThread(): void;

  // Modules ------------------------------------------------------------------------------
  /** Imports an actor's module by the URL it was defined with (`import.meta.url`). */
  importModule(url: string): Promise<Record<string, unknown>>;

  // Environment and output ------------------------------------------------------------------
  /** An environment variable (LOG_LEVEL, TELEMETRY_SERVER_PORT, …), undefined if unset. */
  env(name: string): string | undefined;
  /** Prints one log record, as one line, on the main thread. */
  printLogRecord(record: PrintableRecord): void;

  // Telemetry ------------------------------------------------------------------------------
  /** Makes the routes readable: an HTTP server on Node, a host-facing registry in a browser. */
  serveTelemetry(routes: Routes, ip: string, port: number, log: ServerLog): Promise<RunningServer>;
  /** Reads one of the runtime's own files (the dashboard page, the Graphviz module). */
  readPackageFile(locate: () => URL): Promise<Uint8Array>;

  // The program shell -------------------------------------------------------------------------
  /**
   * Calls `handler` on each interrupt (Ctrl-C: SIGINT on Node) until the returned function is
   * called. In a browser it never fires: the page's Stop asks the graphs to stop through the host.
   */
  onInterrupt(handler: (interrupt: Interrupt) => void): () => void;
}

/** One interrupt, as `onInterrupt` reports it. */
export interface Interrupt {
  /** The program listens for it too (then it is the program's to answer). */
  readonly handledElsewhere: boolean;
  /**
   * The program's input is a terminal, so the interrupt is most likely its user's Ctrl-C; when it
   * is not, a parent sent it (the course page's Stop, a supervisor, `kill -INT`).
   */
  readonly fromTerminal: boolean;
}
