/**
 * Aqueducts over real Aeron UDP on loopback, in one graph: a source's lanes leave through the
 * publishing aqueduct and arrive through the subscribing one at a checker.
 */
import { createSocket } from 'node:dgram';
import { describe, expect, it } from 'vitest';
import {
  aeron,
  aeronChannel,
  buildAqueduct,
  GraphBuilder,
  newState,
  readCounters,
  SoloAct,
} from '../src/index.ts';
import { captureLogs } from '../src/testing/index.ts';
import { type CheckerState, MessageChecker, MessageSource } from './fixtures/aqueduct.ts';

async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

describe('aqueducts over Aeron UDP', () => {
  it('carry three lanes of messages from 4 B to 20 KB in order, byte for byte, through full rings, and end them', async () => {
    const capture = captureLogs();
    try {
      const count = 3000;
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
      actors.withName('source').build(MessageSource, [sourceTxs, count], SoloAct);
      buildAqueduct(outRxs, aeron(channel, 2000), actors.withName('publish'), SoloAct);
      buildAqueduct(inTxs, aeron(channel, 2000), actors.withName('subscribe'), SoloAct);
      actors.withName('checker').build(MessageChecker, [checkerRxs, checked, 97], SoloAct);
      graph.start();
      await graph.blockUntilStopped(30_000);
      expect(checked.peek()).toEqual({ received: [count, count, count] });
      // Each aqueduct's Aeron counters, as the dashboard reads them from shared memory.
      const countersOf = (name: string) => {
        const counters = graph.actors.find((a) => a.name === name)?.spec.counters;
        return counters ? Object.fromEntries(readCounters(counters)) : {};
      };
      expect(countersOf('publish')).toMatchObject({ messagesSent: 9000 });
      expect(countersOf('subscribe')).toMatchObject({ messagesReceived: 9000, invalidFrames: 0 });
      const counters = capture.lines().filter((line) => line.includes('aeron counters:'));
      expect(
        counters.some((line) => / messagesSent=9000 /.test(line)),
        counters.join('\n'),
      ).toBe(true);
      expect(
        counters.some((line) => / messagesReceived=9000 /.test(line)),
        counters.join('\n'),
      ).toBe(true);
    } finally {
      capture.stop();
    }
  }, 40_000);
});
