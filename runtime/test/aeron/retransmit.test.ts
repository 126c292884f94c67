/**
 * The retransmitter on its own, with time passed in: NAK validation, coalescing, the delay
 * before a resend and the linger after it.
 */
import { describe, expect, it } from 'vitest';
import { decodeFrames } from '../../src/aeron/index.ts';
import { PublisherLog } from '../../src/aeron/publisher-log.ts';
import { type RetransmitOptions, Retransmitter } from '../../src/aeron/retransmit.ts';

const id = { sessionId: 42, streamId: 1001, initialTermId: 10, termLength: 64 * 1024, mtu: 1408 };

/** A log with ten 400-byte messages (448 bytes each in the term), all sent, and a retransmitter over it. */
function setup(options: Partial<RetransmitOptions> = {}) {
  const log = new PublisherLog(id, 10, 0);
  for (let i = 0; i < 10; i++) {
    const message = Buffer.alloc(400, i);
    log.append(message, 0, 400);
  }
  const resent: { offsets: number[]; bytes: number }[] = [];
  const retransmitter = new Retransmitter(
    {
      log,
      sentEnd: (termId) => (termId === 10 ? log.tailOffset : 0),
      send: (buf, offset, length) => {
        const frames = decodeFrames(buf.subarray(offset, offset + length)).frames;
        resent.push({ offsets: frames.map((f) => (f as { termOffset: number }).termOffset), bytes: length });
      },
    },
    { delayMs: 0, lingerMs: 10, maxActions: 4, ...options },
  );
  return { log, retransmitter, resent };
}

describe('Retransmitter', () => {
  it('resends the frames a NAK covers at once (delay 0), packed into MTU-sized datagrams', () => {
    const { retransmitter, resent } = setup();
    expect(retransmitter.onNak(10, 448, 3 * 448, 0)).toBe('resent');
    expect(resent).toEqual([{ offsets: [448, 896, 1344], bytes: 3 * 448 }]);
    expect(retransmitter.onNak(10, 0, 4 * 448, 100)).toBe('resent');
    expect(resent[1]).toEqual({ offsets: [0, 448, 896], bytes: 1344 }); // 4 frames do not fit 1408: 3, then 1
    expect(resent[2]).toEqual({ offsets: [1344], bytes: 448 });
  });

  it('a NAK that starts inside a range resent within the linger is coalesced; after the linger it resends again', () => {
    const { retransmitter, resent } = setup();
    retransmitter.onNak(10, 448, 448, 0);
    expect(retransmitter.onNak(10, 448, 448, 5)).toBe('coalesced'); // the same NAK again (or another receiver's)
    expect(retransmitter.onNak(10, 896, 448, 5)).toBe('resent'); // a different range
    expect(resent).toHaveLength(2);
    expect(retransmitter.nextDeadline).toBe(10);
    retransmitter.doWork(9);
    expect(retransmitter.onNak(10, 448, 448, 9)).toBe('coalesced');
    retransmitter.doWork(10);
    expect(retransmitter.activeCount).toBe(1); // the second one lingers until 15
    expect(retransmitter.onNak(10, 448, 448, 10)).toBe('resent');
    expect(resent).toHaveLength(3);
  });

  it('with a delay, a NAK waits; NAKs meanwhile are coalesced into it; the resend happens once, when the delay ends', () => {
    const { retransmitter, resent } = setup({ delayMs: 5 });
    expect(retransmitter.onNak(10, 0, 896, 0)).toBe('delayed');
    expect(retransmitter.onNak(10, 448, 448, 2)).toBe('coalesced');
    expect(retransmitter.nextDeadline).toBe(5);
    retransmitter.doWork(4);
    expect(resent).toHaveLength(0);
    retransmitter.doWork(5);
    expect(resent).toEqual([{ offsets: [0, 448], bytes: 896 }]);
    expect(retransmitter.nextDeadline).toBe(15); // then lingers
    retransmitter.doWork(15);
    expect(retransmitter.activeCount).toBe(0);
    expect(retransmitter.nextDeadline).toBe(Number.POSITIVE_INFINITY);
  });

  it('refuses NAKs that do not point at one of our sent frames', () => {
    const { retransmitter, log, resent } = setup();
    expect(retransmitter.onNak(10, 40, 64, 0)).toBe('invalid'); // not on a frame boundary
    expect(retransmitter.onNak(10, 32, 64, 0)).toBe('invalid'); // inside a frame, not at its header
    expect(retransmitter.onNak(10, log.tailOffset, 64, 0)).toBe('invalid'); // not sent yet
    expect(retransmitter.onNak(11, 0, 64, 0)).toBe('invalid'); // a term not written
    expect(retransmitter.onNak(10, 0, 0, 0)).toBe('invalid'); // nothing asked for
    expect(resent).toHaveLength(0);
  });

  it('never resends past what was sent, and drops NAKs beyond its action limit (the receiver asks again)', () => {
    const { retransmitter, resent } = setup();
    retransmitter.onNak(10, 8 * 448, 100_000, 0);
    expect(resent[0]!.offsets).toEqual([8 * 448, 9 * 448]);
    for (const at of [0, 1, 2]) expect(retransmitter.onNak(10, at * 448, 448, 0)).toBe('resent');
    expect(retransmitter.onNak(10, 4 * 448, 448, 0)).toBe('dropped');
  });
});
