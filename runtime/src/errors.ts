/**
 * The runtime's own errors. Each has a stable `name` (what `error.name` and the first word of
 * its stack say, whatever the bundler does to class names), and where the fix is on the
 * caller's side, the message says what to do. A wrong argument (a capacity of 0, a negative
 * window) stays a standard `RangeError` or `TypeError`, as in any JavaScript library.
 */

/** Base of every runtime error: `error instanceof SteadyError` tells the runtime's errors apart. */
export class SteadyError extends Error {
  constructor(name: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = name;
  }
}

/** A graph built or driven the wrong way (started twice, an actor added after start, ...). */
export class GraphUsageError extends SteadyError {
  constructor(message: string) {
    super('GraphUsageError', message);
  }
}

/** Rejected by `blockUntilStopped` when actors did not agree to stop in time. */
export class UncleanShutdownError extends SteadyError {
  constructor(
    readonly holdouts: readonly { actor: string; condition: string }[],
    timeoutMs: number,
  ) {
    super(
      'UncleanShutdownError',
      `graph did not stop cleanly within ${timeoutMs} ms; still running:\n` +
        holdouts.map((h) => `  - ${h.actor}: ${h.condition}`).join('\n'),
    );
  }
}

/** Rejected by `blockUntilStopped` when the graph stopped because an actor gave up. */
export class GraphFailedError extends SteadyError {
  constructor(readonly reasons: readonly string[]) {
    super('GraphFailedError', `graph stopped after a failure:\n${reasons.map((r) => `  - ${r}`).join('\n')}`);
  }
}

/** A second actor tried to hold an end of a channel (channels are single-producer single-consumer). */
export class ChannelOwnershipError extends SteadyError {
  constructor(message: string) {
    super('ChannelOwnershipError', message);
  }
}

/** A simulated actor could not perform a stage direction, or the stage manager could not direct it. */
export class StageError extends SteadyError {
  constructor(message: string) {
    super('StageError', message);
  }
}
