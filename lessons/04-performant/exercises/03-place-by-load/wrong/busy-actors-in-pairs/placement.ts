/** Wrong: two busy actors per thread (fewer threads than busy actors), idle ones riding along. */
import { type Graph, memberOf, type Schedule } from '@steady/runtime';
export interface ActorLoad {
  readonly name: string;
  readonly busy: boolean;
}

export function placeByLoad(actors: readonly ActorLoad[], graph: Graph<unknown>): Record<string, Schedule> {
  const schedules: Record<string, Schedule> = {};
  let troupe = memberOf(graph.actorTroupe());
  let busyInTroupe = 0;
  for (const actor of actors) {
    if (actor.busy && busyInTroupe === 2) {
      troupe = memberOf(graph.actorTroupe());
      busyInTroupe = 0;
    }
    if (actor.busy) busyInTroupe++;
    schedules[actor.name] = troupe;
  }
  return schedules;
}
