import { describe, expect, it } from 'vitest';
import { CallingThread, GraphBuilder, SoloAct } from '../src/index.ts';
import { captureLogs, waitUntil } from '../src/testing/index.ts';
import { Chatty, Relay, Stubborn, VoteShutdown } from './fixtures/actors.ts';
import {
  busyNeighbourLetsOthersRun,
  channelStress,
  racesCallOffTheLosers,
  restartKeepsStateAndChannel,
  threadPlacement,
  wakeupsAcrossThreads,
} from './fixtures/scenarios.ts';

describe('graph lifecycle', () => {
  it('runs solo actors on threads of their own and troupe members on one shared thread', async () => {
    const { solo, troupe, main, names } = await threadPlacement();
    expect(main).toBe(0);
    expect(new Set([...solo, troupe[0], main]).size).toBe(4); // three worker threads, none of them the main one
    expect(troupe[0]).toBe(troupe[1]);
    expect(names).toEqual(['soloA', 'soloB', 'member1', 'member2']);
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

  it('reports shutdown, not the tick, when the timer of a wait fires after the graph asked to stop', async () => {
    const graph = GraphBuilder.forTesting().build({});
    const results: boolean[] = [];
    graph.actorBuilder().build(async (actor) => {
      results.push(await actor.waitTimeout(20), await actor.waitPeriodic(20));
    });
    graph.start();
    // Keep the thread busy past the wait's due time, then ask to stop: the overdue timer fires next,
    // before the shutdown listener (which runs a task later) could end the wait.
    const start = performance.now();
    await new Promise<void>((resolve) =>
      setTimeout(() => {
        while (performance.now() - start < 60);
        graph.requestShutdown();
        resolve();
      }, 1),
    );
    await graph.blockUntilStopped(1000);
    expect(results).toEqual([false, false]);
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
    // [race won, lost avail, lost shutdown, all settled, lost timer]
    expect(await racesCallOffTheLosers()).toEqual([true, false, false, false, false]);
  });
});

describe('sharing a thread', () => {
  it('an actor whose waits are always met at once still lets the others on its thread run', async () => {
    expect(await busyNeighbourLetsOthersRun()).toBeGreaterThanOrEqual(20);
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
    const { taken, restarts, state, lines } = await restartKeepsStateAndChannel();
    expect(taken).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(restarts).toBe(1);
    expect(state).toEqual({ count: 10 }); // the snapshot came back from the worker
    const failed = lines.findIndex((l) => l.includes('flaky: failed: Error: planned failure at 5'));
    expect(failed).toBeGreaterThanOrEqual(0);
    expect(lines.findIndex((l, i) => i > failed && l.includes('restart #1'))).toBeGreaterThan(failed);
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
    expect(await wakeupsAcrossThreads(2000)).toEqual(Array.from({ length: 2000 }, (_, i) => i));
  });

  for (const seed of [1, 42]) {
    it(`moves 10 million numbers between two threads in random batches: all arrive, in order, once (seed ${seed})`, async () => {
      const total = 10_000_000;
      expect({ seed, ...(await channelStress(total, seed)) }).toEqual({ seed, count: total, errors: 0 });
    });
  }
});
