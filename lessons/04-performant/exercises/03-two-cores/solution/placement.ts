/** Solution: heartbeat and generator in one troupe, worker and logger in another. */
import { type Graph, memberOf } from '@steady/runtime';
import type { Schedules } from '../../../src/placement.ts';

export function twoCoreSchedules(graph: Graph<unknown>): Schedules {
  const producers = graph.actorTroupe();
  const consumers = graph.actorTroupe();
  return {
    heartbeat: memberOf(producers),
    generator: memberOf(producers),
    worker: memberOf(consumers),
    logger: memberOf(consumers),
  };
}
