/**
 * Which actors share a thread. On a machine with two cores, the busy actors (generator,
 * worker, logger) should not need more than two threads: a third busy thread only takes
 * turns with the other two, and every switch costs caches and wake-ups.
 */
import { type Graph, memberOf, type Schedule, SoloAct } from '@steady/runtime';
import type { Placement } from './args.ts';

export interface Schedules {
  readonly heartbeat: Schedule;
  readonly generator: Schedule;
  readonly worker: Schedule;
  readonly logger: Schedule;
}

export function schedulesFor(placement: Placement, graph: Graph<unknown>): Schedules {
  switch (placement) {
    case 'default': {
      // As in the Rust lesson: the light heartbeat rides along with the generator.
      const producers = graph.actorTroupe(); //#!#// heartbeat and generator take turns on one thread
      return {
        heartbeat: memberOf(producers),
        generator: memberOf(producers),
        worker: SoloAct,
        logger: SoloAct,
      };
    }
    case 'two-threads': {
      const producers = graph.actorTroupe();
      const consumers = graph.actorTroupe(); //#!#// two busy threads for two cores
      return {
        heartbeat: memberOf(producers),
        generator: memberOf(producers),
        worker: memberOf(consumers),
        logger: memberOf(consumers),
      };
    }
    case 'all-solo':
      return { heartbeat: SoloAct, generator: SoloAct, worker: SoloAct, logger: SoloAct };
    case 'one-thread': {
      const everyone = graph.actorTroupe();
      return {
        heartbeat: memberOf(everyone),
        generator: memberOf(everyone),
        worker: memberOf(everyone),
        logger: memberOf(everyone),
      };
    }
  }
}
