import { describe, expect, it } from 'vitest';
import { decodeFrames, type Frame, Receiver } from '../../src/aeron/index.ts';
import { C_PUBLISHER_TO_C_SUBSCRIBER, type Captured, GAP_NAK_RETRANSMIT } from './fixtures/captures.ts';
import { PUBLISHER_PEER, RECEIVER_DEFAULTS } from './simulated-link.ts';

/** Moves a receiver's clock on by `ms`, running its timed duties at each deadline on the way. */
function advance(receiver: Receiver, from: number, ms: number): number {
  const end = from + ms;
  let now = from;
  while (receiver.nextDeadline <= end) {
    now = Math.max(now, receiver.nextDeadline);
    receiver.doWork(now);
  }
  return end;
}

/**
 * Plays the publisher's side of a real capture into a receiver on a fake clock, letting 15 ms
 * pass where the real receiver answered, and collects our answers and where they went.
 */
function replay(captured: readonly Captured[]) {
  const messages: string[] = [];
  const ended: string[] = [];
  const receiver = new Receiver({
    ...RECEIVER_DEFAULTS,
    onMessage: (m) => messages.push(m.toString()),
    onUnavailableImage: (_image, reason) => ended.push(reason),
  });
  const answers: Frame[] = [];
  let now = 0;
  const collect = () => {
    for (const d of receiver.outbox.take()) {
      expect(d.to).toBe(PUBLISHER_PEER);
      answers.push(...decodeFrames(d.bytes).frames);
    }
  };
  for (const [direction, text] of captured) {
    if (direction === 'toPublisher') now = advance(receiver, now, 15);
    else receiver.onDatagram(Buffer.from(text, 'hex'), PUBLISHER_PEER, now);
    collect();
  }
  advance(receiver, now, 30);
  collect();
  return { messages, ended, answers, receiver };
}

describe('a receiver fed the datagrams of real Aeron publishers', () => {
  it("answers a C publisher's SETUP with an SM (window 128 KiB), delivers its 4 messages, and acknowledges EOS", () => {
    const { messages, ended, answers, receiver } = replay(C_PUBLISHER_TO_C_SUBSCRIBER);
    expect(messages).toEqual(['Hello World! 1', 'Hello World! 2', 'Hello World! 3', 'Hello World! 4']);
    expect(ended).toEqual(['end-of-stream']);
    const first = answers[0]!;
    expect(first).toMatchObject({
      type: 'sm',
      flags: 0,
      sessionId: 0x3cdce84e,
      streamId: 1001,
      consumptionTermId: 0x644853c9,
      consumptionTermOffset: 0,
      receiverWindow: 131072,
      receiverId: receiver.config.receiverId,
    });
    const last = answers.at(-1)!;
    expect(last).toMatchObject({ type: 'sm', flags: 0x40, consumptionTermOffset: 0x100 });
    expect(receiver.counters.invalidFrames).toBe(0);
  });

  it('NAKs the gap a real C receiver NAKed (64 bytes at offset 128), byte for byte, then delivers in order', () => {
    const { messages, ended, answers } = replay(GAP_NAK_RETRANSMIT);
    expect(messages).toEqual([0, 1, 2, 3, 4].map((i) => `Hello from Node ${i}`));
    expect(ended).toEqual(['end-of-stream']);
    const naks = answers.filter((f) => f.type === 'nak');
    expect(naks.length).toBeGreaterThanOrEqual(1);
    const capturedNak = GAP_NAK_RETRANSMIT.find(([d, t]) => d === 'toPublisher' && t.startsWith('1c00'))!;
    expect(decodeFrames(Buffer.from(capturedNak[1], 'hex')).frames[0]).toEqual(naks[0]);
    // A 64 KiB term: the window is half of it.
    expect(answers.find((f) => f.type === 'sm')).toMatchObject({ receiverWindow: 32768 });
  });
});
