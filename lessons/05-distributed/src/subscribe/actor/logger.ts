/** LOGGER: counts what arrives (a line for the first few, then only totals): no line per value at 10 M/s. */
import { defineActor, type Rx, type SteadyActor, type SteadyState } from '@steady/runtime';
import type { MainArgs } from '../../args.ts';
import { BUZZ, describeCode, FIZZ, FIZZ_BUZZ } from '../fizzbuzz.ts';

export const NAME_LOGGER = 'logger';
/** Lines printed for the first messages; after that only totals. */
export const FIRST_LINES = 16;
/** A progress line about once a second. */
export const PROGRESS_MS = 1000;

export interface LoggerState {
  total: number;
  fizz: number;
  buzz: number;
  fizzBuzz: number;
  values: number;
}

export async function run(
  actor: SteadyActor<MainArgs>,
  loggerRx: Rx<number>,
  state: SteadyState<LoggerState>,
): Promise<void> {
  if (actor.useInternalBehavior) return internalBehavior(actor, loggerRx, state);
  return actor.simulatedBehavior([loggerRx]);
}

/** Counts the codes of a region view; returns nothing, adds into `counts`. */
export function countCodes(view: ArrayLike<number>, counts: LoggerState): void {
  for (let i = 0; i < view.length; i++) {
    const code = view[i] as number;
    if (code === FIZZ) counts.fizz += 1;
    else if (code === BUZZ) counts.buzz += 1;
    else if (code === FIZZ_BUZZ) counts.fizzBuzz += 1;
    else counts.values += 1;
  }
  counts.total += view.length;
}

export async function internalBehavior(
  actor: SteadyActor<MainArgs>,
  loggerRx: Rx<number>,
  state: SteadyState<LoggerState>,
): Promise<void> {
  const counts = state.lock(() => ({ total: 0, fizz: 0, buzz: 0, fizzBuzz: 0, values: 0 }));
  let lastProgress = performance.now();
  while (actor.isRunning(() => loggerRx.isClosedAndEmpty())) {
    await actor.awaitForAny(actor.waitAvail(loggerRx, 1), actor.waitTimeout(50));
    const count = loggerRx.availUnits();
    if (count === 0) continue;
    const [first, second] = loggerRx.peekSlice();
    for (let i = counts.total; i < FIRST_LINES && i - counts.total < count; i++) {
      const at = i - counts.total;
      const code = (at < first.length ? first[at] : second[at - first.length]) as number;
      actor.log.info(`Msg ${describeCode(code)}`);
    }
    countCodes(first.subarray(0, Math.min(first.length, count)), counts); //#!#// count in place, then one commit
    if (count > first.length) countCodes(second.subarray(0, count - first.length), counts);
    loggerRx.advanceTakeIndex(count);
    if (performance.now() - lastProgress >= PROGRESS_MS) {
      lastProgress = performance.now();
      actor.log.info(`progress: ${counts.total} values`); // the runner reads this line
    }
  }
}

export const LoggerActor = defineActor(import.meta.url, run);
