import { describe, expect, it } from 'vitest';
import { CallingThread, codecs, GraphBuilder, memberOf, newState, SoloAct } from '../src/index.ts';
import { captureLogs, takeAll, waitUntil } from '../src/testing/index.ts';
import { Chatty, CountTo, FailOnce, Relay, ReportThread, Stubborn, VoteShutdown } from './fixtures/actors.ts';
import { SequenceChecker, SequenceProducer } from './fixtures/stress.ts';

describe('graph lifecycle', () => {
  it('runs solo actors on threads of their own and troupe members on one shared thread', async () => {
    const graph = GraphBuilder.forTesting().build({});
    const [tx1, rx1] = graph.channelBuilder().build();
    const [tx2, rx2] = graph.channelBuilder().build();
    const [tx3, rx3] = graph.channelBuilder().build();
    const [tx4, rx4] = graph.channelBuilder().build();
    const troupe = graph.actorTroupe();
    graph.actorBuilder().withName('soloA').build(ReportThread, [tx1], SoloAct);
    graph.actorBuilder().withName('soloB').build(ReportThread, [tx2], SoloAct);
    graph.actorBuilder().withNameAndSuffix('member', 1).build(ReportThread, [tx3], memberOf(troupe));
    graph.actorBuilder().withNameAndSuffix('member', 2).build(ReportThread, [tx4], memberOf(troupe));
    graph.start();
    const ids = await Promise.all(
      [rx1, rx2, rx3, rx4].map(async (rx) => {
        await waitUntil(() => rx.availUnits() > 0, 20_000, `a report on ${rx.name}`);
        return takeAll(rx)[0];
      }),
    );
    graph.requestShutdown();
    await graph.blockUntilStopped(2000);
    const [a, b, m1, m2] = ids;
    expect(new Set([a, b, m1, 0]).size).toBe(4); // three worker threads, none of them the main one (0)
    expect(m1).toBe(m2);
    expect(graph.actors.map((x) => x.name)).toEqual(['soloA', 'soloB', 'member1', 'member2']);
  });

  it('reports an unclean stop naming the actor and the condition that held it', async () => {
    const graph = GraphBuilder.forTesting().build({});
    const [, rx] = graph.channelBuilder().withName('never-closed').build();
    graph.actorBuilder().withName('stubborn').build(Stubborn, [rx], SoloAct);
    graph.start();
    await waitUntil(() => graph.actorStatus(0).threadId !== 0, 20_000, 'stubborn to load on its thread');
    graph.requestShutdown();
    await expect(graph.blockUntilStopped(1000)).rejects.toThrow(/stubborn: input closed and empty/);
  });

  it('reports a plain veto function by its source text', async () => {
    const graph = GraphBuilder.forTesting().build({});
    const [, rx] = graph.channelBuilder().build();
    graph
      .actorBuilder()
      .withName('holdout')
      .build(async (actor) => {
        while (actor.isRunning(() => rx.isClosedAndEmpty())) await actor.waitAvail(rx, 1);
      });
    graph.start();
    graph.requestShutdown();
    await expect(graph.blockUntilStopped(200)).rejects.toThrow(/holdout: rx\.isClosedAndEmpty\(\)/);
  });

  it('calls the veto only after shutdown was requested, and keeps looping while it refuses', async () => {
    const graph = GraphBuilder.forTesting().build({});
    const calls: string[] = [];
    let turns = 0;
    graph
      .actorBuilder()
      .withName('counter')
      .build(async (actor) => {
        while (
          actor.isRunning(() => {
            calls.push(`veto at turn ${turns}`);
            return calls.length >= 3; // refuse twice, then agree
          })
        ) {
          turns++;
          if (turns === 5) actor.requestShutdown();
          await actor.waitTimeout(1);
        }
      });
    graph.start();
    await graph.blockUntilStopped(1000);
    expect(calls).toEqual(['veto at turn 5', 'veto at turn 6', 'veto at turn 7']);
  });

  it('begins shutdown only when the barrier has its votes; the graph itself bypasses it', async () => {
    const graph = GraphBuilder.forTesting().withShutdownBarrier(2).build({});
    graph.actorBuilder().withName('voter1').build(VoteShutdown, [], SoloAct);
    graph.start();
    await waitUntil(() => graph.control.barrierProgress().seen >= 1, 20_000, "voter1's vote");
    await new Promise((r) => setTimeout(r, 50)); // shutdown would have begun by now, were it going to
    expect(graph.control.barrierProgress()).toEqual({ seen: 1, needed: 2 });
    expect(graph.control.isShutdownRequested()).toBe(false);
    graph.requestShutdown();
    await graph.blockUntilStopped(1000);

    const second = GraphBuilder.forTesting().withShutdownBarrier(2).build({});
    second.actorBuilder().withName('voter1').build(VoteShutdown, [], SoloAct);
    second.actorBuilder().withName('voter2').build(VoteShutdown, [], SoloAct);
    second.start();
    await second.blockUntilStopped(2000);
    expect(second.control.isShutdownRequested()).toBe(true);
  });

  it('hands typed graph arguments to every actor', async () => {
    const graph = GraphBuilder.forTesting().build({ beats: 7 });
    let seen = 0;
    graph
      .actorBuilder()
      .withName('reader')
      .build(async (actor) => {
        seen = actor.args<{ beats: number }>().beats;
        actor.requestShutdown();
        while (actor.isRunning()) await actor.waitShutdown();
      });
    graph.start();
    await graph.blockUntilStopped();
    expect(seen).toBe(7);
  });

  it('refuses two actors holding the same end of a channel', async () => {
    const capture = captureLogs();
    try {
      const graph = GraphBuilder.forTesting().build({});
      const [tx, rx] = graph.channelBuilder().withName('shared').build();
      graph.actorBuilder().withName('first').build(Relay, [rx, tx], CallingThread);
      graph.actorBuilder().withName('second').build(Stubborn, [rx], CallingThread);
      graph.start();
      await capture.waitFor('second: cannot start');
      expect(capture.lines().join('\n')).toMatch(/receiving end is already held by first/);
      graph.requestShutdown();
      tx.markClosed();
      await graph.blockUntilStopped(1000);
    } finally {
      capture.stop();
    }
  });
});

describe('waits in races', () => {
  it('calls off the waits that lost a race, so none sleeps on until its condition comes true', async () => {
    const graph = GraphBuilder.forTesting().build({});
    const [, idle] = graph.channelBuilder().withName('idle').build();
    const outcomes: boolean[] = [];
    graph
      .actorBuilder()
      .withName('racer')
      .build(async (actor) => {
        const lostAvail = actor.waitAvail(idle, 1);
        const lostShutdown = actor.waitShutdown();
        expect(await actor.awaitForAny(lostAvail, lostShutdown, actor.waitTimeout(1))).toBe(true);
        // Without the call-off these would sleep until data arrives or the graph stops.
        outcomes.push(await lostAvail, await lostShutdown);
        const lostTimer = actor.waitTimeout(60_000);
        expect(
          await actor.awaitForAll(
            actor.waitTimeout(1).then(() => false),
            lostTimer,
          ),
        ).toBe(false);
        outcomes.push(await lostTimer);
        actor.requestShutdown();
        while (actor.isRunning()) await actor.waitShutdown();
      }, CallingThread);
    graph.start();
    await graph.blockUntilStopped(2000);
    expect(outcomes).toEqual([false, false, false]);
  });
});

describe('sharing a thread', () => {
  it('an actor whose waits are always met at once still lets the others on its thread run', async () => {
    const graph = GraphBuilder.forTesting().build({});
    const [tx] = graph.channelBuilder().withName('never-full').build();
    let ticks = 0;
    graph
      .actorBuilder()
      .withName('spinner')
      .build(async (actor) => {
        while (actor.isRunning()) await actor.waitVacant(tx, 1); // always room: met at once, forever
      }, CallingThread);
    graph
      .actorBuilder()
      .withName('ticker')
      .build(async (actor) => {
        while (actor.isRunning()) {
          if (await actor.waitTimeout(1)) ticks++;
          if (ticks === 20) actor.requestShutdown();
        }
      }, CallingThread);
    graph.start();
    await graph.blockUntilStopped(2000);
    expect(ticks).toBeGreaterThanOrEqual(20);
  });
});

describe('logging', () => {
  it('delivers the lines of actors on worker threads whole and in order per actor', async () => {
    const capture = captureLogs();
    try {
      const graph = GraphBuilder.forTesting().withShutdownBarrier(2).build({});
      graph.actorBuilder().withNameAndSuffix('chatty', 1).build(Chatty, [500], SoloAct);
      graph.actorBuilder().withNameAndSuffix('chatty', 2).build(Chatty, [500], SoloAct);
      graph.start();
      await graph.blockUntilStopped(3000);
      const expected = Array.from({ length: 500 }, (_, i) => `line ${i}`);
      expect(capture.messagesOf('chatty1')).toEqual(expected);
      expect(capture.messagesOf('chatty2')).toEqual(expected);
      expect(capture.records.every((r) => r.level === 'info' && r.time > 0)).toBe(true);
    } finally {
      capture.stop();
    }
  });
});

describe('restarts', () => {
  it('restarts a failed actor with its state and its channel contents', async () => {
    const capture = captureLogs();
    try {
      const graph = GraphBuilder.forTesting().build({});
      const [tx, rx] = graph.channelBuilder().withCapacity(64).build();
      const state = newState<{ count: number }>();
      graph.actorBuilder().withName('flaky').build(FailOnce, [tx, state, 5], SoloAct);
      graph.start();
      await graph.blockUntilStopped(3000);
      expect(takeAll(rx)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(graph.actorStatus(0).restarts).toBe(1);
      expect(state.peek()).toEqual({ count: 10 }); // the snapshot came back from the worker
      capture.expectInOrder(['flaky: failed: Error: planned failure at 5', 'restart #1']);
    } finally {
      capture.stop();
    }
  });

  it('does not restart an actor that fails after shutdown was requested', async () => {
    const capture = captureLogs();
    try {
      const graph = GraphBuilder.forTesting().build({});
      let lives = 0;
      graph
        .actorBuilder()
        .withName('fragile')
        .build(async (actor) => {
          lives++;
          while (actor.isRunning()) await actor.waitShutdown();
          throw new Error('boom on the way out');
        });
      graph.start();
      graph.requestShutdown();
      await graph.blockUntilStopped(1000);
      expect(lives).toBe(1);
      expect(graph.actorStatus(0).error).toMatch(/boom on the way out/);
    } finally {
      capture.stop();
    }
  });
});

describe('across threads', () => {
  it('wakes waitAvail and waitVacant across threads through a tiny channel', async () => {
    const graph = GraphBuilder.forTesting().build({});
    const [tx, rx] = graph.channelBuilder().withCapacity(2).build();
    const [outTx, outRx] = graph.channelBuilder().withCapacity(4096).build();
    graph.actorBuilder().withName('producer').build(CountTo, [tx, 2000], SoloAct);
    graph.actorBuilder().withName('relay').build(Relay, [rx, outTx], SoloAct);
    graph.start();
    const got: number[] = [];
    await waitUntil(
      () => {
        got.push(...takeAll(outRx));
        return outRx.isClosedAndEmpty();
      },
      20_000,
      () => `the relay to close its output (${got.length} of 2000 arrived)`,
    );
    graph.requestShutdown();
    await graph.blockUntilStopped(2000);
    expect(got).toEqual(Array.from({ length: 2000 }, (_, i) => i));
  });

  for (const seed of [1, 42]) {
    it(`moves 10 million numbers between two threads in random batches: all arrive, in order, once (seed ${seed})`, async () => {
      const total = 10_000_000;
      const graph = GraphBuilder.forTesting().build({});
      const [tx, rx] = graph
        .channelBuilder()
        .withCodec(codecs.i32)
        .withCapacity(1 << 14)
        .build();
      const [reportTx, reportRx] = graph.channelBuilder().withCapacity(2).build();
      graph.actorBuilder().withName('producer').build(SequenceProducer, [tx, total, seed], SoloAct);
      graph.actorBuilder().withName('checker').build(SequenceChecker, [rx, reportTx, seed], SoloAct);
      graph.start();
      await waitUntil(() => reportRx.availUnits() >= 2, 25_000, "the checker's report", 20);
      graph.requestShutdown();
      await graph.blockUntilStopped(2000);
      const [count, errors] = takeAll(reportRx);
      expect({ seed, count, errors }).toEqual({ seed, count: total, errors: 0 });
    });
  }
});
