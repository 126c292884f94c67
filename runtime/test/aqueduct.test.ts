/**
 * Aqueducts over real Aeron UDP on loopback, in one graph: a source's lanes leave through the
 * publishing aqueduct and arrive through the subscribing one at a checker.
 */
import { describe, expect, it, vi } from 'vitest';
import { Publication, Subscription } from '../src/aeron/index.ts';
import {
  aeron,
  aeronChannel,
  buildAqueduct,
  CallingThread,
  type Graph,
  GraphBuilder,
  newState,
  type Schedule,
  SoloAct,
} from '../src/index.ts';
import { readCounters } from '../src/telemetry/counters.ts';
import { captureLogs, freeUdpPort } from '../src/testing/index.ts';
import { type CheckerState, MessageChecker, MessageSource } from './fixtures/aqueduct.ts';

describe('aqueducts over Aeron UDP', () => {
  it('carry three lanes of messages from 4 B to 20 KB in order, byte for byte, through full rings, and end them', async () => {
    const capture = captureLogs();
    try {
      const { graph, checked } = await pipeline(SoloAct);
      graph.start();
      await graph.blockUntilStopped(30_000);
      expect(checked.peek()).toEqual({ received: [COUNT, COUNT, COUNT] });
      // Each aqueduct's Aeron counters, as the dashboard reads them from shared memory.
      expect(countersOf(graph, 'publish')).toMatchObject({ messagesSent: 3 * COUNT });
      expect(countersOf(graph, 'subscribe')).toMatchObject({ messagesReceived: 3 * COUNT, invalidFrames: 0 });
      const logged = capture.lines().filter((line) => line.includes('aeron counters:'));
      expect(
        logged.some((line) => line.includes(` messagesSent=${3 * COUNT} `)),
        logged.join('\n'),
      ).toBe(true);
    } finally {
      capture.stop();
    }
  }, 40_000);

  it('survive restarts of both aqueducts mid-stream: every message once, in order', async () => {
    const capture = captureLogs();
    // The aqueducts run on this thread, so the test can make their transport fail now and then.
    let polls = 0;
    let offers = 0;
    const poll = Subscription.prototype.poll;
    const offer = Publication.prototype.offer;
    const pollSpy = vi.spyOn(Subscription.prototype, 'poll').mockImplementation(function (
      this: Subscription,
      ...args
    ) {
      if (++polls % 400 === 0) throw new Error(`injected failure in poll ${polls}`);
      return poll.apply(this, args);
    });
    const offerSpy = vi.spyOn(Publication.prototype, 'offer').mockImplementation(function (
      this: Publication,
      ...args
    ) {
      if (++offers % 1500 === 0) throw new Error(`injected failure in offer ${offers}`);
      return offer.apply(this, args);
    });
    try {
      const { graph, checked } = await pipeline(CallingThread);
      graph.start();
      await graph.blockUntilStopped(30_000);
      const restarts = (name: string) =>
        graph.actorStatus(graph.actors.findIndex((a) => a.name === name)).restarts;
      console.log(`aqueduct restarts: publish ${restarts('publish')}, subscribe ${restarts('subscribe')}`);
      expect(restarts('publish')).toBeGreaterThan(0);
      expect(restarts('subscribe')).toBeGreaterThan(0);
      expect(checked.peek()).toEqual({ received: [COUNT, COUNT, COUNT] });
      expect(countersOf(graph, 'subscribe')).toMatchObject({ messagesReceived: 3 * COUNT });
    } finally {
      pollSpy.mockRestore();
      offerSpy.mockRestore();
      capture.stop();
    }
  }, 40_000);
});

const COUNT = 3000;

/** source ══3 lanes══> PUBLISH ~~ Aeron UDP loopback ~~> SUBSCRIBE ══3 lanes══> checker */
async function pipeline(aqueducts: Schedule) {
  const channel = aeronChannel()
    .udp('127.0.0.1', await freeUdpPort())
    .termLength(1 << 20)
    .build();
  const graph = GraphBuilder.forTesting().withInternalBehavior().build({});
  // Small payload rings (64 KiB, at most 3 of the largest messages) so both aqueducts meet full rings.
  const streams = graph.channelBuilder().withCapacity(16);
  const [sourceTxs, outRxs] = streams.withName('out').buildStreamBundle(3, 1 << 16);
  const [inTxs, checkerRxs] = streams.withName('in').buildStreamBundle(3, 1 << 16, 'ingress');
  const checked = newState<CheckerState>();
  const actors = graph.actorBuilder();
  actors.withName('source').build(MessageSource, [sourceTxs, COUNT], SoloAct);
  buildAqueduct(outRxs, aeron(channel, 2000), actors.withName('publish'), aqueducts);
  buildAqueduct(inTxs, aeron(channel, 2000), actors.withName('subscribe'), aqueducts);
  actors.withName('checker').build(MessageChecker, [checkerRxs, checked, 97], SoloAct);
  return { graph, checked };
}

function countersOf(graph: Graph<unknown>, name: string): Record<string, number> {
  const counters = graph.actors.find((a) => a.name === name)?.spec.counters;
  return counters ? Object.fromEntries(readCounters(counters)) : {};
}
