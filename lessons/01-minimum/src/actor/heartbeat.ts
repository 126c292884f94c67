/**
 * HEARTBEAT: beats at a fixed rate, and after the last beat stops the whole graph.
 */
import { defineActor, type SteadyActor } from '@steady/runtime';
import type { MainArgs } from '../args.ts';

export const NAME_HEARTBEAT = 'heartbeat';

/** The production entry: what the graph runs. */
export async function run(actor: SteadyActor<MainArgs>): Promise<void> {
  await internalBehavior(actor);
}

/** The behaviour itself, separate from `run` so tests can call it directly. */
export async function internalBehavior(actor: SteadyActor<MainArgs>): Promise<void> {
  const { rate, beats } = actor.args(); //#!#// arguments come from the graph, not from globals
  let count = beats; //#!#// state private to this actor: no other code can touch it
  // Loop until the graph asks every actor to stop.
  while (actor.isRunning()) {
    //#!#//
    // A fixed-rate timer: the time spent below does not make it drift. It resolves false
    // when shutdown interrupted the wait: then no beat is due.
    if (!(await actor.waitPeriodic(rate))) continue; //#!#//
    actor.log.info(`Heartbeat ${count} (rate ${rate} ms)`);
    count -= 1;
    if (count === 0) {
      actor.requestShutdown(); //#!#// one actor can stop the whole system
    }
  }
}

/** Names this actor by module and export, so it can be started on its own thread. */
export const HeartbeatActor = defineActor(import.meta.url, run);
