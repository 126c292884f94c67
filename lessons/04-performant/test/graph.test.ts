import { type Graph, GraphBuilder } from '@steady/runtime';
import { captureLogs } from '@steady/runtime/testing';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ARGS, type MainArgs, PLACEMENTS, type Placement } from '../src/args.ts';
import { expectedCounts } from '../src/fizzbuzz.ts';
import { buildGraph, buildPipeline } from '../src/main.ts';

/** Worker threads a graph will use: one per solo actor, one per troupe. */
function threadsOf(graph: Graph<MainArgs>): Map<string, string[]> {
  const threads = new Map<string, string[]>();
  for (const actor of graph.actors) {
    const { schedule } = actor.spec;
    const key =
      schedule.kind === 'troupe' ? `troupe ${schedule.troupe.id}` : `${schedule.kind} ${actor.name}`;
    threads.set(key, [...(threads.get(key) ?? []), actor.name]);
  }
  return threads;
}

describe('placement', () => {
  const expected: Record<Placement, string[][]> = {
    default: [['heartbeat', 'generator'], ['worker'], ['logger']],
    'two-threads': [
      ['heartbeat', 'generator'],
      ['worker', 'logger'],
    ],
    'all-solo': [['heartbeat'], ['generator'], ['worker'], ['logger']],
    'one-thread': [['heartbeat', 'generator', 'worker', 'logger']],
  };
  it.each(PLACEMENTS)('%s puts the actors on the threads it names', (placement) => {
    const graph = buildGraph(GraphBuilder.forTesting().build({ ...DEFAULT_ARGS, placement }));
    expect([...threadsOf(graph).values()]).toEqual(expected[placement]);
    expect(graph.actors.every((a) => a.spec.schedule.kind !== 'calling-thread')).toBe(true);
  });

  it('by default: heartbeat and generator in one troupe, worker and logger solo', () => {
    const graph = buildGraph(GraphBuilder.forTesting().build(DEFAULT_ARGS));
    expect(graph.actors.map((a) => [a.name, a.spec.schedule.kind])).toEqual([
      ['heartbeat', 'troupe'],
      ['generator', 'troupe'],
      ['worker', 'solo'],
      ['logger', 'solo'],
    ]);
  });
});

describe('the whole graph on its threads', () => {
  it.each([
    ['zero-copy', 'default'],
    ['double-buffer', 'two-threads'],
  ] as const)(
    '%s worker, %s placement: counts every message once and stops cleanly',
    async (worker, placement) => {
      const capture = captureLogs();
      try {
        const args: MainArgs = { ...DEFAULT_ARGS, beats: 10, worker, placement, chunk: 1024 };
        const graph = GraphBuilder.forTesting().withInternalBehavior().build(args);
        const { workerTx, loggerState } = buildPipeline(graph, undefined, 1 << 14); // small rings for a test
        graph.start();
        await graph.blockUntilStopped(5000); // the heartbeat stops the graph after 10 beats
        const tally = loggerState.peek();
        const processed = workerTx.ring.sentCount();
        expect(processed).toBeGreaterThan(0);
        expect(tally).toEqual({ processed, ...expectedCounts(processed) });
        capture.expectInOrder([
          'Logger: 15 messages processed (F:4, B:2, FB:1, V:8)',
          `Logger: total ${processed}`,
        ]);
      } finally {
        capture.stop();
      }
    },
  );
});
