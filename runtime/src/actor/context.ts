/**
 * The actor context: everything an actor's code talks to. One context per life of
 * an actor; a restarted actor gets a fresh context over the same channels and state.
 */
import type { Endpoint } from '../channel/endpoint.ts';
import type { Rx } from '../channel/rx.ts';
import type { SendOutcome, Tx } from '../channel/tx.ts';
import { createLogger, type Logger } from '../log/logger.ts';
import { playSimulatedPart, type SimulatedEnd } from '../simulation/behavior.ts';
import { blockingCondition, type Veto } from './veto.ts';
import {
  awaitForAll,
  awaitForAllOrProceedUpon,
  awaitForAny,
  cancellable,
  type Wait,
  WaitSignal,
} from './waits.ts';

/** What `sendAsync` does when the channel is full. */
export type SendSaturation = 'await' | 'warn-then-await' | 'return-blocked';

/** The graph's shared control block, as an actor uses it (the graph's `GraphControl` provides it). */
export interface ActorControl {
  isShutdownRequested(): boolean;
  /** One vote to stop (`force` bypasses the shutdown barrier). */
  requestShutdown(force: boolean): boolean;
  shutdownSignal(): Promise<unknown>;
  restarts(actor: number): number;
  countTurn(actor: number): void;
  addBusy(actor: number, ms: number): void;
}

/** What the hosting thread gives a context. */
export interface ActorEnvironment {
  readonly index: number;
  readonly name: string;
  readonly control: ActorControl;
  readonly graphArgs: unknown;
  /** Endpoints found in the actor's arguments: published at every turn of `isRunning`. */
  readonly endpoints: readonly Endpoint[];
  readonly spinTurns: number;
  /** Told whenever the condition that holds a shutdown changes (undefined: agreed). */
  readonly reportVeto: (condition: string | undefined) => void;
  /** False in test graphs: edge actors then play a simulated part directed by the stage manager. */
  readonly useInternalBehavior: boolean;
  /**
   * Publishes this actor's channel ends; for an exactly-once actor, first records its state and
   * positions as one commit. Called at every turn of `isRunning` and before every wait.
   */
  readonly commit: () => void;
  /** The dead-letter channel of an input, if it has one. */
  readonly deadLetterOf: (rx: Rx<unknown>) => Tx<unknown> | undefined;
}

const WARN_INTERVAL_MS = 1000;

/**
 * A wait whose condition already holds resolves at once, without giving the event loop a turn.
 * An actor looping on such waits would starve everything else on its thread: the other actors of
 * its troupe (their wake-ups arrive as events) and its own sockets and timers. So after this many
 * waits in a row without a turn, the next one lets the loop turn first.
 */
const MAX_WAITS_WITHOUT_A_TURN = 1000;
let waitsWithoutATurn = 0;
let turnNoted = false;

/** Counts a wait that was met at once; true when it should let the event loop turn first. */
function metWithoutATurn(): boolean {
  if (!turnNoted) {
    turnNoted = true;
    setImmediate(() => {
      waitsWithoutATurn = 0;
      turnNoted = false;
    });
  }
  return ++waitsWithoutATurn > MAX_WAITS_WITHOUT_A_TURN;
}

export class SteadyActor<Args = unknown> {
  readonly log: Logger;
  private outstandingWaits = 0;
  private busySince = performance.now();
  private readonly periodicDue = new Map<number, number>();
  private lastVeto: string | undefined = '';
  private lastSaturationWarning = 0;
  private agreed = false;
  /** Endpoints and timers this context sleeps on, woken at once when shutdown begins. */
  private readonly sleepingOn = new Set<Endpoint>();
  private readonly sleepers = new Set<() => void>();
  private shutdownListening = false;

  constructor(private readonly env: ActorEnvironment) {
    this.log = createLogger(env.name);
  }

  /** This actor's name (with its suffix, if any). */
  get name(): string {
    return this.env.name;
  }

  /**
   * True in production graphs. In test graphs it is false, and an actor's `run` can then call
   * `simulatedBehavior` instead of its real behaviour, so a test directs it from the outside.
   */
  get useInternalBehavior(): boolean {
    return this.env.useInternalBehavior;
  }

  /**
   * Plays a simulated part until shutdown: takes stage directions from the test's stage manager
   * (echo a value into an output; wait for a message on an input). `ends` are this actor's
   * channel ends: outputs and inputs are numbered (lanes) in the order given.
   */
  simulatedBehavior(ends: readonly SimulatedEnd[]): Promise<void> {
    return playSimulatedPart(this, this.env.index, ends);
  }

  /** How many times this actor has been restarted after a failure (0 on its first life). */
  get restartCount(): number {
    return this.env.control.restarts(this.env.index);
  }

  /** The graph's arguments (typically the parsed command line), the same for every actor. */
  args<T = Args>(): T {
    return this.env.graphArgs as T;
  }

  /**
   * The loop condition of every actor. While the graph runs it is true and `veto` is not
   * called. Once shutdown was requested, `veto` is asked each turn: if it holds, the actor
   * agrees (false, the loop ends); if not, the actor keeps going (true) and the
   * condition that refused is remembered for the unclean-stop report.
   */
  isRunning(veto?: Veto): boolean {
    const { control, index } = this.env;
    this.env.commit();
    control.countTurn(index);
    this.accountBusy();
    if (!control.isShutdownRequested()) return true;
    const holding = veto ? blockingCondition(veto) : undefined;
    if (holding !== this.lastVeto) {
      this.lastVeto = holding;
      this.env.reportVeto(holding);
    }
    if (holding === undefined) this.agreed = true;
    return holding !== undefined;
  }

  /** True once this life agreed to stop (its `isRunning` returned false). */
  get agreedToStop(): boolean {
    return this.agreed;
  }

  /** Asks the whole graph to stop (one vote towards the shutdown barrier, if there is one). */
  requestShutdown(): void {
    this.env.control.requestShutdown(false);
  }

  isShutdownRequested(): boolean {
    return this.env.control.isShutdownRequested();
  }

  /**
   * Waits for the next tick of a fixed-rate timer: the next tick is due one period after
   * the previous one (not after now), so the work done in between does not make it drift.
   * Resolves true on the tick, false at once when shutdown was requested.
   */
  waitPeriodic(periodMs: number): Promise<boolean> {
    if (!(periodMs >= 0))
      return Promise.reject(new RangeError(`waitPeriodic needs a period in ms >= 0, got ${periodMs}`));
    const now = performance.now();
    let due = (this.periodicDue.get(periodMs) ?? now) + periodMs;
    if (due < now) due = now + periodMs; // fell behind by a whole period: skip, do not burst
    this.periodicDue.set(periodMs, due);
    return this.waiting(async (signal) => {
      if (this.isShutdownRequested()) return this.yieldThenFalse();
      return (await this.sleep(due - performance.now(), signal)) === 'elapsed';
    });
  }

  /** Waits `ms` (or until shutdown); true if the whole time passed. */
  waitTimeout(ms: number): Promise<boolean> {
    return this.waiting(async (signal) => (await this.sleep(ms, signal)) === 'elapsed');
  }

  /** Resolves once shutdown has been requested. */
  waitShutdown(): Promise<boolean> {
    return this.waiting(async (signal) => {
      if (this.isShutdownRequested()) return true;
      return (await this.sleep(undefined, signal)) === 'shutdown';
    });
  }

  /** Waits until `rx` holds at least `count` messages. False if that can no longer happen (closed, shutdown). */
  waitAvail<T>(rx: Rx<T>, count = 1): Promise<boolean> {
    if (rx.availUnits() >= count)
      return metWithoutATurn() ? this.yieldThen(() => rx.availUnits() >= count) : Promise.resolve(true);
    if (count > rx.capacity)
      return Promise.reject(
        new RangeError(`waitAvail(${rx.name}, ${count}): more than the capacity ${rx.capacity}`),
      );
    return this.waiting(async (signal) => {
      for (;;) {
        const closed = rx.isClosed();
        if (rx.availUnits() >= count) return true;
        // Closed (for good) or shutting down: resolve at once, but through a macrotask (see yieldThen).
        if (closed || this.isShutdownRequested()) return this.yieldThen(() => rx.availUnits() >= count);
        if (signal.cancelled) return false;
        await this.sleepOn(rx, signal);
      }
    });
  }

  /** Waits until `tx` has room for at least `count` messages. False on shutdown without room. */
  waitVacant<T>(tx: Tx<T>, count = 1): Promise<boolean> {
    if (tx.vacantUnits() >= count)
      return metWithoutATurn() ? this.yieldThen(() => tx.vacantUnits() >= count) : Promise.resolve(true);
    if (count > tx.capacity)
      return Promise.reject(
        new RangeError(`waitVacant(${tx.name}, ${count}): more than the capacity ${tx.capacity}`),
      );
    return this.waiting(async (signal) => {
      for (;;) {
        if (tx.vacantUnits() >= count) return true;
        if (this.isShutdownRequested()) return this.yieldThen(() => tx.vacantUnits() >= count);
        if (signal.cancelled) return false;
        await this.sleepOn(tx, signal);
      }
    });
  }

  awaitForAll(...waits: Wait[]): Promise<boolean> {
    return awaitForAll(...waits);
  }

  awaitForAny(...waits: Wait[]): Promise<boolean> {
    return awaitForAny(...waits);
  }

  awaitForAllOrProceedUpon(first: Wait, ...rest: Wait[]): Promise<boolean> {
    return awaitForAllOrProceedUpon(first, ...rest);
  }

  /**
   * Sends, waiting for room when the channel is full, according to `saturation`:
   * 'await' waits quietly, 'warn-then-await' also logs (at most once a second),
   * 'return-blocked' returns 'blocked' at once.
   */
  async sendAsync<T>(tx: Tx<T>, value: T, saturation: SendSaturation = 'await'): Promise<SendOutcome> {
    let outcome = tx.trySend(value);
    if (outcome !== 'blocked' || saturation === 'return-blocked') return outcome;
    if (saturation === 'warn-then-await') this.warnSaturated(tx.name);
    for (;;) {
      const clean = await this.waitVacant(tx, 1);
      outcome = tx.trySend(value);
      if (outcome !== 'blocked' || (!clean && this.isShutdownRequested())) return outcome;
    }
  }

  /**
   * Drops the message at the head of `rx` (a showstopper that keeps failing): sends it to the
   * channel's dead-letter channel if it has one, logs it, counts it. Returns the message.
   */
  async dropShowstopper<T>(rx: Rx<T>): Promise<T | undefined> {
    const message = rx.headMessage();
    if (message === undefined) return undefined;
    const deadLetters = this.env.deadLetterOf(rx as Rx<unknown>) as Tx<T> | undefined;
    if (deadLetters && (await this.sendAsync(deadLetters, message)) !== 'sent') return undefined;
    rx.tryTake();
    rx.countDropped();
    this.log.warn(
      `dropped a showstopper from ${rx.name}: ${JSON.stringify(message)}` +
        (deadLetters ? ` (sent to dead letters ${deadLetters.name})` : ''),
    );
    return message;
  }

  /**
   * Every wait goes through here: it is a commit point, it counts towards busy time (the time
   * spent outside waits; several concurrent waits count once), and the combinators can call it
   * off through its signal.
   */
  private waiting(wait: (signal: WaitSignal) => Promise<boolean>): Promise<boolean> {
    const signal = new WaitSignal();
    return cancellable(
      this.tracked(() => wait(signal)),
      signal,
    );
  }

  private async tracked(wait: () => Promise<boolean>): Promise<boolean> {
    this.env.commit(); // every wait is a commit point: what was done so far becomes visible
    if (this.outstandingWaits++ === 0) this.accountBusy();
    try {
      return await wait();
    } finally {
      if (--this.outstandingWaits === 0) this.busySince = performance.now();
    }
  }

  private accountBusy(): void {
    const now = performance.now();
    if (this.outstandingWaits === 0) this.env.control.addBusy(this.env.index, now - this.busySince);
    this.busySince = now;
  }

  /** Sleeps `ms` (undefined: until shutdown); ends early on shutdown or when the wait is called off. */
  private sleep(ms: number | undefined, signal: WaitSignal): Promise<'elapsed' | 'shutdown' | 'cancelled'> {
    if (signal.cancelled) return Promise.resolve('cancelled');
    this.listenForShutdown();
    return new Promise((resolve) => {
      const end = (how: 'elapsed' | 'shutdown' | 'cancelled') => {
        if (timer) clearTimeout(timer);
        this.sleepers.delete(interrupt);
        resolve(how);
      };
      const interrupt = () => end('shutdown');
      // The shutdown listener runs a task after the request (Atomics.waitAsync): a timer due in
      // between must not report a tick that came after the graph asked to stop.
      const elapse = () => end(this.isShutdownRequested() ? 'shutdown' : 'elapsed');
      const timer = ms === undefined ? undefined : setTimeout(elapse, Math.max(0, ms));
      this.sleepers.add(interrupt);
      signal.onCancel(() => end('cancelled'));
    });
  }

  private async sleepOn(endpoint: Endpoint, signal: WaitSignal): Promise<void> {
    this.listenForShutdown();
    this.sleepingOn.add(endpoint);
    try {
      await endpoint.waitForPeer(endpoint.seenPeerPosition(), this.env.spinTurns, (wake) =>
        signal.onCancel(wake),
      );
    } finally {
      this.sleepingOn.delete(endpoint);
    }
  }

  /**
   * One shutdown listener per context (not one per wait, which would pile up reactions on a
   * long-lived promise): when shutdown begins it wakes every sleeping wait of this actor.
   */
  private listenForShutdown(): void {
    if (this.shutdownListening) return;
    this.shutdownListening = true;
    this.env.control.shutdownSignal().then(() => {
      for (const endpoint of this.sleepingOn) endpoint.wake();
      for (const interrupt of [...this.sleepers]) interrupt();
    });
  }

  /**
   * After shutdown waits resolve at once, but through a macrotask, so that an actor that
   * vetoes and loops does not starve the other actors sharing its thread.
   */
  private yieldThen(check: () => boolean): Promise<boolean> {
    return new Promise((resolve) => setImmediate(() => resolve(check())));
  }

  private yieldThenFalse(): Promise<boolean> {
    return this.yieldThen(() => false);
  }

  private warnSaturated(channel: string): void {
    const now = Date.now();
    if (now - this.lastSaturationWarning < WARN_INTERVAL_MS) return;
    this.lastSaturationWarning = now;
    this.log.warn(`channel ${channel} is full: waiting for room (the consumer is slower than this producer)`);
  }
}
