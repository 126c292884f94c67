/**
 * The telemetry bench's logger, in a module of its own: it runs on a thread of its own, and a
 * thread imports the module its actor is defined in. Defined in the bench's main file, every
 * actor thread would load the whole bench (its command line, the Prometheus exposition).
 */
import { defineActor, type Rx, type SteadyActor } from '../../src/index.ts';

/** Takes everything until its input is closed and drained, then asks the graph to stop. */
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
