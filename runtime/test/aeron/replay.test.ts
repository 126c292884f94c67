import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeFrames, type Frame, Subscription } from '../../src/aeron/index.ts';
import { C_PUBLISHER_TO_C_SUBSCRIBER, type Captured, GAP_NAK_RETRANSMIT } from './fixtures/captures.ts';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/**
 * Plays the publisher's side of a real capture into a live subscription (as if from a
 * socket at `peer`), pausing where the real receiver answered, and collects our answers.
 */
async function replay(captured: readonly Captured[]) {
  const messages: string[] = [];
  const ended: string[] = [];
  const subscription = await Subscription.open('aeron:udp?endpoint=127.0.0.1:0', 1001, {
    onMessage: (m) => messages.push(m.toString()),
    onUnavailableImage: (_image, reason) => ended.push(reason),
  });
  cleanup.push(() => subscription.close());
  const peer = dgram.createSocket('udp4');
  await new Promise<void>((r) => peer.bind(0, '127.0.0.1', r));
  cleanup.push(() => peer.close());
  const answers: Frame[] = [];
  peer.on('message', (msg) => answers.push(...decodeFrames(msg).frames));
  for (const [direction, text] of captured) {
    if (direction === 'toPublisher') {
      await new Promise((r) => setTimeout(r, 15)); // where the real receiver answered, let ours answer too
      continue;
    }
    subscription.onDatagram(Buffer.from(text, 'hex'), '127.0.0.1', peer.address().port);
  }
  await new Promise((r) => setTimeout(r, 30));
  return { messages, ended, answers, subscription };
}

describe('a live subscription fed the datagrams of real Aeron publishers', () => {
  it("answers a C publisher's SETUP with an SM (window 128 KiB), delivers its 4 messages, and acknowledges EOS", async () => {
    const { messages, ended, answers, subscription } = await replay(C_PUBLISHER_TO_C_SUBSCRIBER);
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
      receiverId: subscription.receiverId,
    });
    const last = answers.at(-1)!;
    expect(last).toMatchObject({ type: 'sm', flags: 0x40, consumptionTermOffset: 0x100 });
    expect(subscription.counters.invalidFrames).toBe(0);
  });

  it('NAKs the gap a real C receiver NAKed (64 bytes at offset 128), byte for byte, then delivers in order', async () => {
    const { messages, ended, answers } = await replay(GAP_NAK_RETRANSMIT);
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
