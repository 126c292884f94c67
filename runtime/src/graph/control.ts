/**
 * Graph-wide shared memory: the shutdown flag and barrier, and per-actor counters
 * (restarts, thread, busy time, loop turns) that telemetry reads without asking
 * the actors anything.
 */

const SHUTDOWN = 0; // 1 once shutdown has begun
const BARRIER_COUNT = 1; // actor requests seen so far
const BARRIER_NEEDED = 2; // requests needed before shutdown begins (1 without a barrier)
const HEADER_WORDS = 16;
const ACTOR_WORDS = 16; // 64 bytes an actor
// Int32 offsets within an actor's block
const RESTARTS = 0;
const THREAD_ID = 1;
const STATUS = 2;
// Float64 offsets within an actor's block (the block's second half)
const BUSY_MS = 4;
const TURNS = 5;

export enum ActorStatus {
  Waiting = 0,
  Running = 1,
  Stopped = 2,
}

export class GraphControl {
  readonly words: Int32Array;
  private readonly floats: Float64Array;
  private shutdownSignalPromise: Promise<unknown> | undefined;

  static allocate(actorCount: number, barrier: number): GraphControl {
    const buffer = new SharedArrayBuffer((HEADER_WORDS + Math.max(1, actorCount) * ACTOR_WORDS) * 4);
    const control = new GraphControl(buffer);
    control.words[BARRIER_NEEDED] = Math.max(1, barrier);
    return control;
  }

  constructor(readonly buffer: SharedArrayBuffer) {
    this.words = new Int32Array(buffer);
    this.floats = new Float64Array(buffer);
  }

  isShutdownRequested(): boolean {
    return Atomics.load(this.words, SHUTDOWN) === 1;
  }

  /**
   * An actor's request counts towards the barrier; shutdown begins once enough arrived.
   * `force` (the graph's own request) bypasses the barrier.
   */
  requestShutdown(force: boolean): boolean {
    if (!force) {
      const seen = Atomics.add(this.words, BARRIER_COUNT, 1) + 1;
      if (seen < Atomics.load(this.words, BARRIER_NEEDED)) return false;
    }
    if (Atomics.exchange(this.words, SHUTDOWN, 1) === 0) Atomics.notify(this.words, SHUTDOWN);
    return true;
  }

  barrierProgress(): { seen: number; needed: number } {
    return {
      seen: Atomics.load(this.words, BARRIER_COUNT),
      needed: Atomics.load(this.words, BARRIER_NEEDED),
    };
  }

  /** Settles when shutdown begins (one shared waiter per thread). */
  shutdownSignal(): Promise<unknown> {
    if (this.isShutdownRequested()) return Promise.resolve();
    if (!this.shutdownSignalPromise) {
      const result = Atomics.waitAsync(this.words, SHUTDOWN, 0);
      this.shutdownSignalPromise = result.async ? result.value : Promise.resolve();
    }
    return this.shutdownSignalPromise as Promise<unknown>;
  }

  private base(actor: number): number {
    return HEADER_WORDS + actor * ACTOR_WORDS;
  }

  restarts(actor: number): number {
    return Atomics.load(this.words, this.base(actor) + RESTARTS);
  }

  countRestart(actor: number): number {
    return Atomics.add(this.words, this.base(actor) + RESTARTS, 1) + 1;
  }

  threadId(actor: number): number {
    return Atomics.load(this.words, this.base(actor) + THREAD_ID);
  }

  setThreadId(actor: number, threadId: number): void {
    Atomics.store(this.words, this.base(actor) + THREAD_ID, threadId);
  }

  status(actor: number): ActorStatus {
    return Atomics.load(this.words, this.base(actor) + STATUS) as ActorStatus;
  }

  setStatus(actor: number, status: ActorStatus): void {
    Atomics.store(this.words, this.base(actor) + STATUS, status);
  }

  /** Busy milliseconds (time between awaits) and loop turns; written only by the actor's own thread. */
  addBusy(actor: number, ms: number): void {
    this.floats[this.base(actor) / 2 + BUSY_MS] =
      (this.floats[this.base(actor) / 2 + BUSY_MS] as number) + ms;
  }

  busyMs(actor: number): number {
    return this.floats[this.base(actor) / 2 + BUSY_MS] as number;
  }

  countTurn(actor: number): void {
    const i = this.base(actor) / 2 + TURNS;
    this.floats[i] = (this.floats[i] as number) + 1;
  }

  turns(actor: number): number {
    return this.floats[this.base(actor) / 2 + TURNS] as number;
  }
}
