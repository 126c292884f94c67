/** Exercise: place the four actors on two worker threads. */
import { type Graph, SoloAct } from '@steady/runtime';
import type { Schedules } from '../../src/placement.ts';

export function twoCoreSchedules(_graph: Graph<unknown>): Schedules {
  // TODO: four threads, three of them busy. Two cores can only run two at a time.
  return { heartbeat: SoloAct, generator: SoloAct, worker: SoloAct, logger: SoloAct };
}
