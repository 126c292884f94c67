/** Wrong: every actor in one troupe, as if one thread could keep three busy actors going. */
import { type Graph, memberOf, type Schedule } from '@steady/runtime';
export interface ActorLoad {
  readonly name: string;
  readonly busy: boolean;
}

export function placeByLoad(actors: readonly ActorLoad[], graph: Graph<unknown>): Record<string, Schedule> {
  const everyone = memberOf(graph.actorTroupe());
  return Object.fromEntries(actors.map((actor) => [actor.name, everyone]));
}
