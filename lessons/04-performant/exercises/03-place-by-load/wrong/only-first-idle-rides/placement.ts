/** Wrong: lets the first idle actor ride on the host's thread, and gives every other actor a thread of its own. */
import { type Graph, memberOf, type Schedule, SoloAct } from '@steady/runtime';

/** An actor of a pipeline, and whether it works all the time (busy) or now and then (idle). */
export interface ActorLoad {
  readonly name: string;
  readonly busy: boolean;
}

/** A schedule for each actor, by name. */
export function placeByLoad(actors: readonly ActorLoad[], graph: Graph<unknown>): Record<string, Schedule> {
  const host = actors.find((actor) => actor.busy);
  const rider = actors.find((actor) => !actor.busy);
  const shared = memberOf(graph.actorTroupe());
  const schedules: Record<string, Schedule> = {};
  for (const actor of actors) {
    schedules[actor.name] = actor === host || actor === rider ? shared : SoloAct;
  }
  return schedules;
}
