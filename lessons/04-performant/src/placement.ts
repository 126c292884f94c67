/**
 * Which actors share a thread. Actors in a troupe take turns on one thread, so two busy actors
 * in one troupe never work at once. By default each busy actor (generator, worker, logger) has
 * a thread of its own and the nearly idle heartbeat rides with the generator: three threads, even
 * on two cores, where the generator's thread sleeps whenever its ring is full. Which placement
 * wins on a given machine is measured, not assumed: see the lesson's README.
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
      const consumers = graph.actorTroupe(); // the worker and the logger take turns on one thread
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
