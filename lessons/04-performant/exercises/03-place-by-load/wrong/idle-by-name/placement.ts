/** Wrong: tells idle actors by their names (a heartbeat, a monitor), not by their busy flag. */
import { type Graph, memberOf, type Schedule, SoloAct } from '@steady/runtime';

/** An actor of a pipeline, and whether it works all the time (busy) or now and then (idle). */
export interface ActorLoad {
  readonly name: string;
  readonly busy: boolean;
}

/** A schedule for each actor, by name. */
const IDLE_NAMES = ['heartbeat', 'monitor'];

export function placeByLoad(actors: readonly ActorLoad[], graph: Graph<unknown>): Record<string, Schedule> {
  const isBusy = (actor: ActorLoad) => !IDLE_NAMES.includes(actor.name);
  const host = actors.find(isBusy);
  const shared = memberOf(graph.actorTroupe());
  const schedules: Record<string, Schedule> = {};
  for (const actor of actors) {
    schedules[actor.name] = isBusy(actor) && actor !== host ? SoloAct : shared;
  }
  return schedules;
}
