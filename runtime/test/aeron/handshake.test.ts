/**
 * The sender and receiver state machines joined in memory on a fake clock: SETUP, status-message
 * flow control, heartbeats, connection loss, NAK repair and the end-of-stream handshake, each
 * at the exact times the protocol sets.
 */
import { describe, expect, it } from 'vitest';
import {
  BACK_PRESSURED,
  DataFlags,
  decodeFrames,
  encodeFrame,
  type Frame,
  NOT_CONNECTED,
  StatusFlags,
} from '../../src/aeron/index.ts';
import { PUBLISHER_PEER, SENDER_DEFAULTS, SimulatedLink } from './simulated-link.ts';

const first = (bytes: Buffer): Frame => decodeFrames(bytes).frames[0]!;
const isSetup = (b: Buffer) => first(b)?.type === 'setup';
const isStatus = (b: Buffer) => first(b)?.type === 'sm';
const isNak = (b: Buffer) => first(b)?.type === 'nak';
const isHeartbeat = (b: Buffer) => {
  const f = first(b);
  return f?.type === 'data' && f.frameLength === 0;
};
const isEndOfStream = (b: Buffer) => {
  const f = first(b);
  return f?.type === 'data' && f.frameLength === 0 && (f.flags & DataFlags.EOS) !== 0;
};
const isEosStatus = (b: Buffer) => {
  const f = first(b);
  return f?.type === 'sm' && (f.flags & StatusFlags.EOS) !== 0;
};
const isData = (b: Buffer) => {
  const f = first(b);
  return f?.type === 'data' && f.frameLength > 0;
};

describe('setup', () => {
  it('sends SETUP every 100 ms until a status message answers, refusing offers until then', () => {
    const link = SimulatedLink.create();
    link.filter = (_, direction) => direction === 'toReceiver' || link.nowMs >= 350; // answers lost until 350 ms
    link.sender.doWork(0);
    link.receiver.doWork(0);
    link.deliver();
    expect(link.sender.offer(Buffer.from('early'))).toBe(NOT_CONNECTED);
    link.advance(340);
    expect(link.sender.isConnected).toBe(false);
    expect(link.sent.filter((s) => isSetup(s.bytes)).map((s) => s.at)).toEqual([0, 100, 200, 300]);
    link.advance(100); // the SETUP at 400 ms gets its answer through
    expect(link.sender.isConnected).toBe(true);
    expect(link.count('toReceiver', isSetup)).toBe(5);
    expect(link.sender.offer(Buffer.from('now'))).toBeGreaterThan(0n);
    link.advance(1000);
    expect(link.count('toReceiver', isSetup)).toBe(5); // none once connected
  });

  it('a receiver asks an unknown session for SETUP (an all-zero SM with SEND_SETUP); the sender answers at once', () => {
    const link = SimulatedLink.create();
    link.connect();
    // A second receiver that never saw the SETUP gets a heartbeat: it asks for SETUP.
    const other = SimulatedLink.create();
    const heartbeat = encodeFrame({
      type: 'data',
      frameLength: 0,
      flags: DataFlags.UNFRAGMENTED,
      termOffset: 0,
      sessionId: SENDER_DEFAULTS.sessionId,
      streamId: SENDER_DEFAULTS.streamId,
      termId: SENDER_DEFAULTS.initialTermId,
      reservedValue: 0n,
      payload: Buffer.alloc(0),
    });
    other.receiver.onDatagram(heartbeat, PUBLISHER_PEER, 0);
    const [ask] = other.receiver.outbox.take();
    expect(ask!.to).toBe(PUBLISHER_PEER);
    expect(first(ask!.bytes)).toMatchObject({
      type: 'sm',
      flags: StatusFlags.SEND_SETUP,
      sessionId: SENDER_DEFAULTS.sessionId,
      consumptionTermId: 0,
      receiverWindow: 0,
      receiverId: 0n,
    });
    link.sender.onDatagram(ask!.bytes, 5);
    expect(link.sender.outbox.take().map((d) => first(d.bytes).type)).toEqual(['setup']);
  });
});

describe('status-message flow control', () => {
  it('sends no further than the receiver window, back-pressures offers half a term past that, and goes on as the receiver consumes', () => {
    const link = SimulatedLink.create(); // 64 KiB terms: window 32 KiB; no onMessage, so nothing is consumed until polled
    link.connect();
    const message = Buffer.alloc(1000, 1); // 1,056 bytes a frame, one frame a datagram
    let accepted = 0;
    while (link.sender.offer(message) > 0n) {
      accepted++;
      link.flush();
    }
    expect(link.sender.offer(message)).toBe(BACK_PRESSURED);
    const window = 32 * 1024;
    const [image] = link.receiver.activeImages;
    expect(image!.rebuildPosition).toBe(BigInt(Math.floor(window / 1056) * 1056)); // whole frames within the window
    expect(link.sender.position).toBe(BigInt(accepted * 1056));
    expect(accepted * 1056).toBeLessThanOrEqual(window + 32 * 1024);
    expect(link.sender.counters.flowControlStalls).toBeGreaterThan(0);
    // Consuming a quarter window sends an SM at once, which moves the limit.
    const before = link.sender.senderPosition;
    const polled = link.receiver.poll(() => {}, 9, link.nowMs);
    expect(polled).toBe(9);
    link.deliver();
    link.flush();
    expect(link.sender.receiverPosition).toBe(9n * 1056n);
    expect(link.sender.senderPosition).toBeGreaterThan(before);
    expect(link.sender.offer(message)).toBeGreaterThan(0n);
  });

  it.each([
    ['the default, 128 KiB', undefined, 128 * 1024],
    ['rcv-wnd 256 KiB', 256 * 1024, 256 * 1024],
    ['rcv-wnd 1 MiB, capped at half the 1 MiB term', 1024 * 1024, 512 * 1024],
    ['rcv-wnd 64 B, raised to one MTU', 64, 1408],
  ])(
    'advertises the receiver window (%s), and the sender sends that far and no further',
    (_, receiverWindow, expected) => {
      const link = SimulatedLink.create({ termLength: 1024 * 1024 }, { receiverWindow });
      link.connect();
      const statuses = link.sent.filter((s) => isStatus(s.bytes)).map((s) => first(s.bytes));
      expect(statuses.at(-1)).toMatchObject({ type: 'sm', receiverWindow: expected });
      const message = Buffer.alloc(1000, 1); // 1,056 bytes a frame, one frame a datagram
      while (link.sender.offer(message) > 0n) link.flush();
      const [image] = link.receiver.activeImages;
      expect(image!.receiverWindow).toBe(expected);
      expect(image!.rebuildPosition).toBe(BigInt(Math.floor(expected / 1056) * 1056)); // whole frames within it
    },
  );

  it('ignores status messages that make no sense (ahead of the tail, negative window)', () => {
    const link = SimulatedLink.create();
    link.connect();
    const sm = (consumptionTermOffset: number, receiverWindow: number) =>
      encodeFrame({
        type: 'sm',
        flags: 0,
        sessionId: SENDER_DEFAULTS.sessionId,
        streamId: SENDER_DEFAULTS.streamId,
        consumptionTermId: SENDER_DEFAULTS.initialTermId,
        consumptionTermOffset,
        receiverWindow,
        receiverId: 1n,
      });
    const invalid = link.sender.counters.invalidFrames;
    link.sender.onDatagram(sm(4096, 1000), 1); // nothing was sent: 4096 is ahead of the tail
    link.sender.onDatagram(sm(0, -1), 1);
    expect(link.sender.counters.invalidFrames).toBe(invalid + 2);
    expect(link.sender.receiverPosition).toBe(0n);
  });
});

describe('heartbeats and liveness', () => {
  it('an idle connected sender heartbeats every 100 ms; an idle receiver sends a status message every 200 ms', () => {
    const link = SimulatedLink.create();
    link.connect();
    link.advance(5); // past the connection's own first exchange
    const sentBefore = link.sent.length;
    link.advance(1000);
    const window = link.sent.slice(sentBefore);
    const heartbeats = window.filter((s) => s.direction === 'toReceiver' && isHeartbeat(s.bytes));
    const statuses = window.filter((s) => s.direction === 'toSender' && isStatus(s.bytes));
    expect(heartbeats.length).toBe(10);
    expect(heartbeats[1]!.at - heartbeats[0]!.at).toBe(100);
    expect(statuses.length).toBe(5);
    expect(statuses[1]!.at - statuses[0]!.at).toBe(200);
  });

  it('while data flows the receiver sends status messages every 20 ms; data resets the heartbeat rhythm', () => {
    const link = SimulatedLink.create();
    link.connect();
    link.advance(50);
    link.sender.offer(Buffer.from('x'));
    link.flush();
    const at = link.nowMs;
    link.advance(90);
    const fast = link.sent.filter((s) => s.at > at && s.direction === 'toSender' && isStatus(s.bytes));
    expect(fast.map((s) => s.at)).toEqual([at + 20, at + 40, at + 60, at + 80]);
    link.advance(10);
    expect(link.sent.filter((s) => s.at > at && isHeartbeat(s.bytes)).map((s) => s.at)).toEqual([at + 100]);
  });

  it('a sender that hears nothing for the connection timeout is not connected and sends SETUP again', () => {
    const link = SimulatedLink.create({ connectionTimeoutMs: 1000 });
    link.connect();
    link.filter = (_, direction) => direction === 'toReceiver';
    link.advance(1000);
    expect(link.sender.isConnected).toBe(true);
    link.advance(2);
    expect(link.sender.isConnected).toBe(false);
    expect(link.sender.offer(Buffer.from('x'))).toBe(NOT_CONNECTED);
    link.filter = () => true;
    link.advance(100);
    expect(link.sender.isConnected).toBe(true);
  });

  it('an image that hears nothing for its liveness timeout ends with reason timeout', () => {
    const ended: string[] = [];
    const link = SimulatedLink.create(
      {},
      { imageLivenessTimeoutMs: 500, onUnavailableImage: (_, reason) => ended.push(reason) },
    );
    link.connect();
    link.sender.abort();
    link.advance(500);
    expect(ended).toEqual([]);
    link.advance(2);
    expect(ended).toEqual(['timeout']);
    expect(link.receiver.activeImages).toEqual([]);
  });
});

describe('loss', () => {
  it('a lost datagram is NAKed after the NAK delay, resent from the term, and delivered in order', () => {
    const got: string[] = [];
    const link = SimulatedLink.create({}, { onMessage: (m) => got.push(m.toString()) });
    link.connect();
    let dropped = false;
    link.filter = (bytes, direction) => {
      if (direction === 'toReceiver' && !dropped && isData(bytes) && bytes.includes('m1')) {
        dropped = true;
        return false;
      }
      return true;
    };
    for (const text of ['m0', 'm1', 'm2']) {
      link.sender.offer(Buffer.from(text));
      link.flush(); // one datagram each
    }
    expect(got).toEqual(['m0']);
    const lostAt = link.nowMs;
    link.advance(1);
    const naks = link.sent.filter((s) => isNak(s.bytes));
    expect(naks.map((s) => s.at)).toEqual([lostAt + 1]);
    expect(first(naks[0]!.bytes)).toMatchObject({ termOffset: 64, length: 64 });
    expect(got).toEqual(['m0', 'm1', 'm2']);
    expect(link.sender.counters.retransmits).toBe(1);
  });
});

describe('end of stream', () => {
  it('close sends everything, then EOS; the receiver acknowledges with an EOS status message and the sender closes', () => {
    const got: string[] = [];
    const ended: string[] = [];
    const link = SimulatedLink.create(
      {},
      { onMessage: (m) => got.push(m.toString()), onUnavailableImage: (_, reason) => ended.push(reason) },
    );
    link.connect();
    for (let i = 0; i < 5; i++) link.sender.offer(Buffer.from(`m${i}`));
    link.sender.close(link.nowMs);
    expect(link.sender.state).toBe('closing');
    link.deliver();
    expect(got).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    expect(ended).toEqual(['end-of-stream']);
    const eos = link.sent.find((s) => isEndOfStream(s.bytes));
    expect(eos).toBeDefined();
    const lastData = link.sent.map((s) => isData(s.bytes)).lastIndexOf(true);
    expect(link.sent.indexOf(eos!)).toBeGreaterThan(lastData); // end of stream only after all the data
    const ack = link.sent.find((s) => isEosStatus(s.bytes));
    expect(ack).toBeDefined();
    link.advance(0);
    expect(link.sender.state).toBe('closed');
  });

  it('with a silent receiver, close ends after the linger time', () => {
    const link = SimulatedLink.create({ lingerMs: 300 });
    link.connect();
    link.filter = (_, direction) => direction === 'toReceiver';
    link.sender.offer(Buffer.from('last'));
    link.sender.close(link.nowMs);
    link.advance(299);
    expect(link.sender.state).toBe('closing');
    link.advance(1);
    expect(link.sender.state).toBe('closed');
    // EOS heartbeats went out every 100 ms meanwhile.
    const eos = link.sent.filter((s) => isEndOfStream(s.bytes));
    expect(eos.length).toBeGreaterThanOrEqual(3);
  });
});
