/** The consumer of this exercise (the test's fixture): totals a stream of values until it ends. */
import type { Rx, SteadyActor } from '@steady/runtime';

/** Adds up every value; once its input is closed and empty, logs the total and stops the graph. */
export async function totaller(actor: SteadyActor, valuesRx: Rx<number>): Promise<void> {
  let count = 0;
  let sum = 0;
  while (actor.isRunning(() => valuesRx.isClosedAndEmpty())) {
    await actor.waitAvail(valuesRx, 1);
    for (let value = valuesRx.tryTake(); value !== undefined; value = valuesRx.tryTake()) {
      count += 1;
      sum += value;
    }
    if (valuesRx.isClosedAndEmpty() && !actor.isShutdownRequested()) {
      actor.log.info(`total of ${count} values: ${sum}`);
      actor.requestShutdown(); // the stream is over, and so is the work
    }
  }
}
