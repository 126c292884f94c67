import { GraphBuilder } from '@steady/runtime';
import { expect, it } from 'vitest';
import { DEFAULT_ARGS } from '../../src/args.ts';
import { buildPipeline } from '../../src/main.ts';
import { twoCoreSchedules } from './placement.ts';

/** The worker thread each actor of the graph will run on (solo: its own; troupe: the troupe's). */
function placementOf(build: typeof twoCoreSchedules) {
  const graph = GraphBuilder.forTesting().build(DEFAULT_ARGS);
  buildPipeline(graph, build(graph));
  const threadOf: Record<string, string> = {};
  for (const actor of graph.actors) {
    const { schedule } = actor.spec;
    expect(schedule.kind, `${actor.name} must run on a worker thread`).not.toBe('calling-thread');
    threadOf[actor.name] = schedule.kind === 'troupe' ? `troupe ${schedule.troupe.id}` : `solo ${actor.name}`;
  }
  return threadOf;
}

it('uses exactly two worker threads', () => {
  const threadOf = placementOf(twoCoreSchedules);
  expect(new Set(Object.values(threadOf)).size, `threads: ${JSON.stringify(threadOf)}`).toBe(2);
});

it('keeps the heartbeat with the generator, and the generator and the worker on different threads', () => {
  const threadOf = placementOf(twoCoreSchedules);
  expect(threadOf.heartbeat, 'heartbeat shares the generator thread').toBe(threadOf.generator);
  expect(threadOf.worker, 'worker runs beside the generator, on the other core').not.toBe(threadOf.generator);
});
