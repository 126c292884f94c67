/**
 * Time for the transport. The sans-IO cores (sender.ts, receiver.ts and what they use) never
 * read a clock: every call takes `nowMs`. The socket shells read it here, once per event, and
 * tests pass a fake clock instead.
 */

/** Milliseconds on a monotonic clock; only differences mean anything. */
export type Clock = () => number;

export const systemClock: Clock = () => performance.now();
