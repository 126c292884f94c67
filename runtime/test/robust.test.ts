import { describe, expect, it } from 'vitest';
import { CallingThread, GraphBuilder, GraphFailedError, SoloAct } from '../src/index.ts';
import { captureLogs, sendAll, takeAll } from '../src/testing/index.ts';
import { Hopeless, Poisoned } from './fixtures/faulty.ts';
import {
  exactlyOnceThroughFailures,
  exactlyOnceThroughKilledThreads,
  faultyPipeline,
  restartsOf,
} from './fixtures/scenarios.ts';

describe('peek before commit, showstoppers, dead letters', () => {
  it('a message peeked but not taken is still at the head after a restart', async () => {
    const capture = captureLogs();
    try {
      const graph = GraphBuilder.forTesting().build({});
      const [tx, rx] = graph.channelBuilder().build();
      const seen: string[] = [];
      graph
        .actorBuilder()
        .withName('peeker')
        .build(async (actor) => {
          while (actor.isRunning(() => rx.isClosedAndEmpty())) {
            if (!(await actor.waitAvail(rx, 1))) continue;
            const value = rx.tryPeek();
            seen.push(`life ${actor.restartCount} peeked ${value}`);
            if (actor.restartCount === 0) throw new Error('fails before taking');
            rx.tryTake();
          }
        });
      sendAll(tx, [7], { close: true });
      graph.start();
      await capture.waitFor('restart #1');
      graph.requestShutdown();
      await graph.blockUntilStopped(1000);
      expect(seen).toEqual(['life 0 peeked 7', 'life 1 peeked 7']);
      expect(rx.isClosedAndEmpty()).toBe(true);
    } finally {
      capture.stop();
    }
  });

  it('an actor that fails at once on every start, with no restart limit, leaves its thread free to stop it', async () => {
    const capture = captureLogs();
    try {
      const graph = GraphBuilder.forTesting().build({});
      let lives = 0;
      graph
        .actorBuilder()
        .withName('doomed')
        .build(async (actor) => {
          lives++;
          if (!actor.isRunning()) return; // agrees to stop once asked
          throw new Error('fails before any await');
        });
      graph.start();
      // A timer on the same thread must still fire: before, restarts ran as an endless chain of microtasks.
      await new Promise((resolve) => setTimeout(resolve, 50));
      graph.requestShutdown();
      await graph.blockUntilStopped(1000);
      expect(lives).toBeGreaterThan(1);
    } finally {
      capture.stop();
    }
  });

  it('a poison message is dropped after 3 peeks into the dead-letter channel; everything else arrives', async () => {
    const capture = captureLogs();
    try {
      const graph = GraphBuilder.forTesting().build({});
      const [deadTx, deadRx] = graph.channelBuilder().withName('dead letters').build();
      const [tx, rx] = graph.channelBuilder().withName('input').withDeadLetters(deadTx).build();
      const [outTx, outRx] = graph.channelBuilder().withName('output').build();
      graph.actorBuilder().withName('consumer').build(Poisoned, [rx, outTx, 41], SoloAct);
      sendAll(tx, [39, 40, 41, 42, 43], { close: true });
      graph.start();
      await capture.waitFor('dropped a showstopper', 5000);
      graph.requestShutdown();
      await graph.blockUntilStopped(2000);
      expect(takeAll(outRx)).toEqual([390, 400, 420, 430]);
      expect(takeAll(deadRx)).toEqual([41]);
      expect(rx.droppedCount()).toBe(1);
      expect(graph.actorStatus(0).restarts).toBe(3);
      capture.expectInOrder([
        'consumer: failed: Error: cannot process 41',
        'dropped a showstopper from input: 41',
      ]);
    } finally {
      capture.stop();
    }
  });
});

describe('restart policy', () => {
  it('stops the graph with a clear error once an actor exceeds its restart limit', async () => {
    const capture = captureLogs();
    try {
      const graph = GraphBuilder.forTesting().build({});
      graph.actorBuilder().withName('hopeless').withRestartLimit(3, 10_000, 5).build(Hopeless, [], SoloAct);
      graph.start();
      const error = await graph.blockUntilStopped(2000).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GraphFailedError);
      expect(String(error)).toMatch(
        /hopeless failed 4 times within 10000 ms \(limit 3 restarts\).*hopeless, life 3/,
      );
      expect(graph.actorStatus(0).restarts).toBe(3);
      capture.expectInOrder([
        '(restart #1) after 5 ms',
        '(restart #2) after 10 ms',
        '(restart #3) after 20 ms',
        'giving up',
      ]);
    } finally {
      capture.stop();
    }
  });
});

describe('fault injection: exactly once through failures', () => {
  const total = 1_000_000;
  for (const [seed, placement] of [
    [11, 'solo'],
    [12, 'troupe'],
    [13, 'solo'],
  ] as const) {
    it(`${total} messages through 4 actors throwing at random points arrive exactly once (seed ${seed}, ${placement})`, async () => {
      const { sink, restarts } = await exactlyOnceThroughFailures(total, seed, placement);
      console.log(
        `seed ${seed} (${placement}): messages ${sink?.count}, failures injected ${restarts}, restarts ${restarts}, ` +
          `lost ${sink?.lost}, duplicated ${sink?.duplicates}`,
      );
      expect({ seed, ...sink }).toEqual({
        seed,
        count: total,
        expected: total,
        outOfOrder: 0,
        duplicates: 0,
        lost: 0,
      });
      expect(restarts, 'failures were injected').toBeGreaterThan(10);
    });
  }

  it('survives worker threads killed at random moments, exactly once (seed 21)', async () => {
    const { sink, killed, restarts } = await exactlyOnceThroughKilledThreads(total, 21);
    console.log(
      `seed 21 (killed threads): messages ${sink?.count}, threads killed ${killed}, restarts ${restarts}, lost ${sink?.lost}, duplicated ${sink?.duplicates}`,
    );
    expect(sink).toEqual({ count: total, expected: total, outOfOrder: 0, duplicates: 0, lost: 0 });
    expect(killed).toBeGreaterThan(0);
  });

  it('stops cleanly within the timeout when shutdown is requested while actors keep failing', async () => {
    const capture = captureLogs();
    try {
      const { graph } = faultyPipeline(10_000_000, { seed: 31, probability: 0.001, batch: 64 }, 'troupe');
      graph.start();
      await capture.waitFor('restart #3', 5000);
      graph.requestShutdown();
      await graph.blockUntilStopped(3000);
      console.log(`shutdown under failure: restarts ${restartsOf(graph)} before a clean stop`);
      expect(restartsOf(graph)).toBeGreaterThanOrEqual(3);
    } finally {
      capture.stop();
    }
  });
});

it('exactly-once is refused for a closure actor, whose channel ends are unknown', () => {
  const graph = GraphBuilder.forTesting().build({});
  expect(() =>
    graph
      .actorBuilder()
      .withName('x')
      .withExactlyOnce()
      .build(async () => {}, CallingThread),
  ).toThrow(/withExactlyOnce needs a defineActor actor/);
});
