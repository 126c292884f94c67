/** Solution: every busy actor on a thread of its own; the idle ones ride on the first busy actor's thread. */
import { type Graph, memberOf, type Schedule, SoloAct } from '@steady/runtime';

/** An actor of a pipeline, and whether it works all the time (busy) or now and then (idle). */
export interface ActorLoad {
  readonly name: string;
  readonly busy: boolean;
}

/** A schedule for each actor, by name. */
export function placeByLoad(actors: readonly ActorLoad[], graph: Graph<unknown>): Record<string, Schedule> {
  const host = actors.find((actor) => actor.busy); // undefined: nobody is busy, the idle ones share a thread
  const shared = memberOf(graph.actorTroupe());
  const schedules: Record<string, Schedule> = {};
  for (const actor of actors) {
    schedules[actor.name] = actor.busy && actor !== host ? SoloAct : shared;
  }
  return schedules;
}
