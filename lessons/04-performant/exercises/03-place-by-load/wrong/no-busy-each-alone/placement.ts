/** Wrong: when no actor is busy, gives each idle actor a thread of its own instead of one shared thread. */
import { type Graph, memberOf, type Schedule, SoloAct } from '@steady/runtime';

/** An actor of a pipeline, and whether it works all the time (busy) or now and then (idle). */
export interface ActorLoad {
  readonly name: string;
  readonly busy: boolean;
}

/** A schedule for each actor, by name. */
export function placeByLoad(actors: readonly ActorLoad[], graph: Graph<unknown>): Record<string, Schedule> {
  const host = actors.find((actor) => actor.busy);
  const shared = host ? memberOf(graph.actorTroupe()) : SoloAct; // nobody to ride on
  const schedules: Record<string, Schedule> = {};
  for (const actor of actors) {
    schedules[actor.name] = actor.busy && actor !== host ? SoloAct : shared;
  }
  return schedules;
}
