/**
 * The telemetry bench's worker and logger, in a module of their own: each runs on a thread of its
 * own, and a thread imports the module its actor is defined in. Defined in the bench's main file,
 * every actor thread would load the whole bench (its command line, the Prometheus exposition).
 */
import { defineActor, type Rx, type SteadyActor, type Tx } from '../../src/index.ts';

export async function worker(actor: SteadyActor, rx: Rx<number>, tx: Tx<number>): Promise<void> {
  while (
    actor.isRunning({
      'input closed and empty': () => rx.isClosedAndEmpty(),
      'output closed': () => tx.markClosed(),
    })
  ) {
    await actor.awaitForAll(actor.waitAvail(rx, 1), actor.waitVacant(tx, 1));
    let n = Math.min(rx.availUnits(), tx.vacantUnits());
    while (n-- > 0) tx.trySend((rx.tryTake() as number) * 2);
    if (rx.isClosedAndEmpty()) tx.markClosed();
  }
}
export const Worker = defineActor(import.meta.url, worker);

export async function logger(actor: SteadyActor, rx: Rx<number>): Promise<void> {
  let seen = 0;
  while (actor.isRunning(() => rx.isClosedAndEmpty())) {
    await actor.waitAvail(rx, 1);
    while (rx.tryTake() !== undefined) seen++;
    if (rx.isClosedAndEmpty()) actor.requestShutdown();
  }
  void seen;
}
export const Logger = defineActor(import.meta.url, logger);
