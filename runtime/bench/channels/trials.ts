/**
 * The shared result block of a two-thread variant: a Float64Array over a SharedArrayBuffer that
 * both sides write their trial times, counts and checksums into, plus an Int32Array for the
 * start line and trial hand-offs. Read on the main thread once the variant has stopped.
 */

export const MAX_TRIALS = 8;
const T0 = 0; // per trial: producer start (ns, a monotonic clock shared by all threads)
const T1 = T0 + MAX_TRIALS; // per trial: consumer took the last message
const COUNT = T1 + MAX_TRIALS; // per trial: messages the consumer took
const SUM = COUNT + MAX_TRIALS; // per trial: consumer checksum
const DONE = SUM + MAX_TRIALS; // trials the consumer finished
const WORDS = DONE + 1;

/** sync[0]: sides at the start line; sync[1]: trials finished (the producer waits on it). */
export const SYNC_READY = 0;
export const SYNC_TRIALS = 1;

export interface TrialBlock {
  readonly results: Float64Array;
  readonly sync: Int32Array;
}

export function newTrialBlock(): TrialBlock {
  return {
    results: new Float64Array(new SharedArrayBuffer(WORDS * 8)),
    sync: new Int32Array(new SharedArrayBuffer(8)),
  };
}

export function nowNs(): number {
  return Number(process.hrtime.bigint());
}

/** Producer side: the clock of `trial` starts now. */
export function markTrialStart({ results }: TrialBlock, trial: number): void {
  results[T0 + trial] = nowNs();
}

/** Consumer side: `trial` is over, with `count` messages and checksum `h`; wakes a waiting producer. */
export function markTrialEnd({ results, sync }: TrialBlock, trial: number, count: number, h: number): void {
  results[T1 + trial] = nowNs();
  results[COUNT + trial] = count;
  results[SUM + trial] = h;
  results[DONE] = trial + 1;
  Atomics.store(sync, SYNC_TRIALS, trial + 1);
  Atomics.notify(sync, SYNC_TRIALS);
}

export interface TrialOutcome {
  /** Seconds of every finished trial. */
  readonly seconds: number[];
  /** Every trial finished, each with `total` messages and the `expected` checksum. */
  readonly verified: boolean;
  readonly finished: number;
}

export function readTrials(
  { results }: TrialBlock,
  trials: number,
  total: number,
  expected: number,
): TrialOutcome {
  const finished = results[DONE] as number;
  const seconds: number[] = [];
  let verified = finished === trials;
  for (let t = 0; t < finished; t++) {
    seconds.push(((results[T1 + t] as number) - (results[T0 + t] as number)) / 1e9);
    if (results[COUNT + t] !== total || results[SUM + t] !== expected) verified = false;
  }
  return { seconds, verified, finished };
}
