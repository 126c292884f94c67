/** Wrong: every busy actor on its own thread, and the idle actors together on one more thread. */
import { type Graph, memberOf, type Schedule, SoloAct } from '@steady/runtime';
export interface ActorLoad {
  readonly name: string;
  readonly busy: boolean;
}

export function placeByLoad(actors: readonly ActorLoad[], graph: Graph<unknown>): Record<string, Schedule> {
  const idle = memberOf(graph.actorTroupe());
  return Object.fromEntries(actors.map((actor) => [actor.name, actor.busy ? SoloAct : idle]));
}
