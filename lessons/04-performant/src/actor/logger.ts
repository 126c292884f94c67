/** LOGGER: counts Fizz, Buzz, FizzBuzz and Value over the ring's slots in place, and reports the counts. */
import { defineActor, type Rx, type SteadyActor, type SteadyState } from '@steady/runtime';
import { batchSize, type MainArgs } from '../args.ts';
import { BUZZ, FIZZ, int32Region } from '../fizzbuzz.ts';

export const NAME_LOGGER = 'logger';

/** After the first 15 messages, log the counts every 2^27 messages. */
export const LOG_EVERY = 2 ** 27;
/** Milliseconds the logger waits for a whole batch before it counts what is there anyway. */
export const MAX_LATENCY_MS = 30;

export interface LoggerState {
  processed: number;
  fizz: number;
  buzz: number;
  fizzBuzz: number;
  values: number;
}

export const emptyTally = (): LoggerState => ({ processed: 0, fizz: 0, buzz: 0, fizzBuzz: 0, values: 0 });

export function describeTally(tally: LoggerState): string {
  return `${tally.processed} messages processed (F:${tally.fizz}, B:${tally.buzz}, FB:${tally.fizzBuzz}, V:${tally.values})`;
}

/** The processed count at which the next line is due: each of the first 15, then every LOG_EVERY. */
function nextMilestone(processed: number): number {
  return processed < 15 ? processed + 1 : (Math.floor(processed / LOG_EVERY) + 1) * LOG_EVERY;
}

/** Counts `length` codes of `view` from `from` into `tally`; the loop touches only locals and the view. */
export function countRun(tally: LoggerState, view: Int32Array, from: number, length: number): void {
  let fizz = 0;
  let buzz = 0;
  let fizzBuzz = 0;
  for (let i = from; i < from + length; i++) {
    const code = view[i] as number;
    if (code < 0) {
      if (code === FIZZ) fizz++;
      else if (code === BUZZ) buzz++;
      else fizzBuzz++;
    }
  }
  tally.fizz += fizz;
  tally.buzz += buzz;
  tally.fizzBuzz += fizzBuzz;
  tally.values += length - fizz - buzz - fizzBuzz;
  tally.processed += length;
}

/** Counts `length` codes of `view`, calling `report` exactly when a milestone count is reached. */
export function countSlice(
  tally: LoggerState,
  view: Int32Array,
  length: number,
  report: (tally: LoggerState) => void,
): void {
  let at = 0;
  while (at < length) {
    const milestone = nextMilestone(tally.processed);
    const run = Math.min(length - at, milestone - tally.processed);
    countRun(tally, view, at, run);
    at += run;
    if (tally.processed === milestone) report(tally);
  }
}

export async function run(
  actor: SteadyActor<MainArgs>,
  fizzBuzzRx: Rx<number>,
  state: SteadyState<LoggerState>,
): Promise<void> {
  if (actor.useInternalBehavior) return internalBehavior(actor, fizzBuzzRx, state);
  return actor.simulatedBehavior([fizzBuzzRx]);
}

export async function internalBehavior(
  actor: SteadyActor<MainArgs>,
  fizzBuzzRx: Rx<number>,
  state: SteadyState<LoggerState>,
): Promise<void> {
  const tally = state.lock(emptyTally);
  const batch = batchSize(actor.args().chunk, fizzBuzzRx.capacity);
  const report = (t: LoggerState) => actor.log.info(`Logger: ${describeTally(t)}`);
  while (actor.isRunning(() => fizzBuzzRx.isClosedAndEmpty())) {
    // A whole batch, or whatever is there once the timer fires: throughput without unbounded latency.
    await actor.awaitForAllOrProceedUpon(
      actor.waitTimeout(MAX_LATENCY_MS),
      actor.waitAvail(fizzBuzzRx, batch),
    ); //#!#//
    const count = fizzBuzzRx.availUnits();
    if (count === 0) continue;
    const [first, second] = int32Region(fizzBuzzRx.peekSlice()); //#!#// read the slots where they are: no copy
    const inFirst = Math.min(count, first.length);
    countSlice(tally, first, inFirst, report);
    countSlice(tally, second, count - inFirst, report);
    fizzBuzzRx.advanceTakeIndex(count); //#!#// one commit frees the whole batch for the worker
  }
  actor.log.info(`Logger: total ${describeTally(tally)}`);
}

export const LoggerActor = defineActor(import.meta.url, run);
