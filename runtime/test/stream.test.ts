import { describe, expect, it } from 'vitest';
import { GraphBuilder, SoloAct } from '../src/index.ts';
import { waitUntil } from '../src/testing/index.ts';
import { StreamRelay } from './fixtures/streams.ts';

describe('stream channels', () => {
  it('carries variable-length messages in order, with lengths in the control ring and bytes in the payload ring', () => {
    const graph = GraphBuilder.forTesting().build({});
    const [tx, rx] = graph.channelBuilder().withCapacity(4).withName('frames').buildStream(16);
    expect(tx.trySend(new Uint8Array([1, 2, 3]))).toBe('sent');
    expect(tx.trySend(new Uint8Array(0))).toBe('sent');
    expect(tx.trySend(new Uint8Array(14))).toBe('blocked'); // 3 + 14 bytes > 16
    expect(tx.trySend(new Uint8Array([9, 9, 9, 9, 9]))).toBe('sent');
    tx.control.publish();
    expect(rx.availItems()).toBe(3);
    expect([...(rx.tryTake() ?? [])]).toEqual([1, 2, 3]);
    expect([...(rx.tryTake() ?? [])]).toEqual([]);
    expect([...(rx.tryTake() ?? [])]).toEqual([9, 9, 9, 9, 9]);
    expect(rx.tryTake()).toBeUndefined();
  });

  it('wraps the payload ring and exposes both rings as zero-copy slices', () => {
    const graph = GraphBuilder.forTesting().build({});
    const [tx, rx] = graph.channelBuilder().withCapacity(8).buildStream(8);
    for (let round = 0; round < 10; round++) {
      expect(tx.trySend(new Uint8Array([round, round + 1, round + 2]))).toBe('sent');
      tx.control.publish();
      const { control, payload } = rx.peekSlice();
      expect(control[0].length + control[1].length).toBe(1);
      expect([...payload[0], ...payload[1]]).toEqual([round, round + 1, round + 2]);
      expect(rx.advanceTakeIndex(1, 3)).toEqual([1, 3]);
      rx.control.publish();
    }
  });

  it('records session and arrival time on an ingress stream', () => {
    const graph = GraphBuilder.forTesting().build({});
    const [tx, rx] = graph.channelBuilder().buildStream(64, 'ingress');
    tx.trySend(new Uint8Array([7]), { sessionId: 42, arrivalMs: 1234.5 });
    tx.control.publish();
    expect(rx.tryTakeFrame()).toEqual({ bytes: new Uint8Array([7]), sessionId: 42, arrivalMs: 1234.5 });
  });

  it('crosses threads through an actor and closes in order', async () => {
    const graph = GraphBuilder.forTesting().build({});
    const [inTx, inRx] = graph.channelBuilder().withCapacity(64).withName('in').buildStream(1024);
    const [outTx, outRx] = graph.channelBuilder().withCapacity(64).withName('out').buildStream(1024);
    graph.actorBuilder().withName('relay').build(StreamRelay, [inRx, outTx], SoloAct);
    graph.start();
    const sent: number[][] = [];
    const received: number[][] = [];
    const drain = () => {
      for (let f = outRx.tryTake(); f; f = outRx.tryTake()) received.push([...f]);
      outRx.control.publish();
      outRx.payload.publish();
    };
    for (let i = 0; i < 2000; i++) {
      const bytes = Array.from({ length: i % 37 }, (_, k) => (i + k) & 0xff);
      const frame = new Uint8Array(bytes);
      await waitUntil(
        () => {
          if (inTx.trySend(frame) === 'sent') return true;
          inTx.control.publish(); // the relay sees what was sent so far, and makes room
          drain();
          return false;
        },
        20_000,
        `room for frame ${i}`,
        1,
      );
      sent.push(bytes);
    }
    inTx.markClosed();
    await waitUntil(
      () => {
        drain();
        return outRx.isClosedAndEmpty();
      },
      20_000,
      () => `the relay to close its output (${received.length} of 2000 frames arrived)`,
      1,
    );
    graph.requestShutdown();
    await graph.blockUntilStopped(2000);
    expect(received).toEqual(sent);
  });
});
