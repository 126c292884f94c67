/** Exercise: place actors by how busy they are. */
import { type Graph, type Schedule, SoloAct } from '@steady/runtime';

/** An actor of a pipeline, and whether it works all the time (busy) or now and then (idle). */
export interface ActorLoad {
  readonly name: string;
  readonly busy: boolean;
}

/** A schedule for each actor, by name. */
export function placeByLoad(actors: readonly ActorLoad[], _graph: Graph<unknown>): Record<string, Schedule> {
  // TODO: a thread for every actor, even for the ones that are idle nearly all the time.
  return Object.fromEntries(actors.map((actor) => [actor.name, SoloAct]));
}
