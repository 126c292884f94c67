/**
 * The Image's in-order fast path (`deliverInPlace`): a frame that is the very next thing to
 * deliver goes to the handler straight from its datagram, and every position moves as if it had
 * been inserted and polled. Anything else is refused with nothing changed, so the usual way
 * (insert, then poll) still delivers it, exactly once and in order.
 */
import { describe, expect, it } from 'vitest';
import { ABORT, DataFlags, encodeFrame, HEADER_LENGTH, Image } from '../../src/aeron/index.ts';

const TERM = 64 * 1024;
const INITIAL = 100;
const PEER = { address: '192.0.2.1', port: 40001 };

const newImage = (termId = INITIAL, termOffset = 0) =>
  new Image(7, 1001, INITIAL, TERM, 1408, termId, termOffset, PEER, 0);

function frame(termOffset: number, text: string, flags: number = DataFlags.UNFRAGMENTED, termId = INITIAL) {
  const payload = Buffer.from(text);
  const frameLength = HEADER_LENGTH + payload.length;
  const bytes = encodeFrame({
    type: 'data',
    frameLength,
    flags,
    termOffset,
    sessionId: 7,
    streamId: 1001,
    termId,
    reservedValue: 0n,
    payload,
  });
  return { bytes, termOffset, termId, frameLength };
}

type Frame = ReturnType<typeof frame>;

function inPlace(image: Image, f: Frame, handler: (m: Buffer) => unknown): number {
  return image.deliverInPlace(f.bytes, 0, 0x01, f.frameLength, f.termId, f.termOffset, handler);
}

const insert = (image: Image, f: Frame) =>
  image.insert(f.bytes, 0, 0x01, f.frameLength, f.termId, f.termOffset);

/** Positions and state an observer can see, to compare the fast path with insert + poll. */
const state = (image: Image) => ({
  consumed: image.consumedPosition,
  rebuild: image.rebuildPosition,
  hwm: image.highWaterMark,
  position: image.position,
  hasData: image.hasData,
  hasGap: image.hasGap,
  consumedSinceStatus: image.consumedSinceStatus,
});

describe('Image.deliverInPlace', () => {
  it('delivers in-order frames across a term end exactly as insert + poll would', () => {
    const frames = [
      frame(TERM - 128, 'one'),
      frame(TERM - 64, 'last of term'),
      frame(0, 'first of next', DataFlags.UNFRAGMENTED, INITIAL + 1),
    ];
    const fast = newImage(INITIAL, TERM - 128);
    const slow = newImage(INITIAL, TERM - 128);
    const seenFast: string[] = [];
    const seenSlow: string[] = [];
    for (const f of frames) {
      let positionInHandler = -1n;
      expect(
        inPlace(fast, f, (m) => {
          seenFast.push(m.toString());
          positionInHandler = fast.position;
        }),
      ).toBe(1);
      expect(insert(slow, f)).toBe(true);
      slow.poll((m) => seenSlow.push(m.toString()), 10);
      expect(state(fast)).toEqual(state(slow));
      expect(positionInHandler).toBe(fast.position); // the handler sees the position after its message
    }
    expect(seenFast).toEqual(['one', 'last of term', 'first of next']);
    expect(seenFast).toEqual(seenSlow);
    expect(fast.consumptionTermId).toBe(INITIAL + 1);
    // A duplicate of a frame delivered in place is old news.
    expect(insert(fast, frames[2]!)).toBe(true);
    expect(fast.hasData).toBe(false);
  });

  it('passes a PAD at the end of a term in place, as insert + poll would, and goes on in the next term', () => {
    const pad = {
      bytes: encodeFrame({
        type: 'pad',
        frameLength: 128,
        flags: DataFlags.UNFRAGMENTED,
        termOffset: TERM - 128,
        sessionId: 7,
        streamId: 1001,
        termId: INITIAL,
        reservedValue: 0n,
        payload: new Uint8Array(0),
      }),
      termOffset: TERM - 128,
      termId: INITIAL,
      frameLength: 128,
    };
    const fast = newImage(INITIAL, TERM - 128);
    const slow = newImage(INITIAL, TERM - 128);
    const refuse = () => {
      throw new Error('a PAD is no message');
    };
    expect(fast.deliverInPlace(pad.bytes, 0, 0x00, 128, INITIAL, TERM - 128, refuse)).toBe(0);
    expect(slow.insert(pad.bytes, 0, 0x00, 128, INITIAL, TERM - 128)).toBe(true);
    slow.poll(refuse, 10);
    expect(state(fast)).toEqual(state(slow));
    expect(fast.consumedPosition).toBe(BigInt(TERM));
    const seen: string[] = [];
    expect(
      inPlace(fast, frame(0, 'next term', DataFlags.UNFRAGMENTED, INITIAL + 1), (m) =>
        seen.push(m.toString()),
      ),
    ).toBe(1);
    expect(seen).toEqual(['next term']);
  });

  it('reassembles fragments delivered in place into one message', () => {
    const image = newImage();
    const seen: string[] = [];
    const take = (m: Buffer) => seen.push(m.toString());
    expect(inPlace(image, frame(0, 'frag-1|', DataFlags.BEGIN), take)).toBe(0);
    expect(inPlace(image, frame(64, 'frag-2|', 0), take)).toBe(0);
    expect(inPlace(image, frame(128, 'frag-3', DataFlags.END), take)).toBe(1);
    expect(seen).toEqual(['frag-1|frag-2|frag-3']);
    expect(image.consumedPosition).toBe(192n);
  });

  it('refuses, changing nothing, a frame out of order or one with data waiting before it', () => {
    const image = newImage();
    const handler = () => {
      throw new Error('must not be called');
    };
    expect(inPlace(image, frame(64, 'ahead'), handler)).toBe(-1); // a gap before it
    const before = state(image);
    expect(before.consumed).toBe(0n);
    expect(insert(image, frame(64, 'ahead'))).toBe(true); // the usual way: now there is a gap
    expect(inPlace(image, frame(0, 'first'), handler)).toBe(-1); // data after it waits: not alone
    expect(insert(image, frame(0, 'first'))).toBe(true);
    const seen: string[] = [];
    image.poll((m) => seen.push(m.toString()), 10);
    expect(seen).toEqual(['first', 'ahead']);
  });

  it('a frame the handler refuses (ABORT) is left undelivered, for insert and a later poll', () => {
    const image = newImage();
    const f = frame(0, 'later');
    expect(inPlace(image, f, () => ABORT)).toBe(-1);
    expect(image.consumedPosition).toBe(0n);
    expect(image.rebuildPosition).toBe(0n);
    expect(insert(image, f)).toBe(true);
    const seen: string[] = [];
    image.poll((m) => seen.push(m.toString()), 10);
    expect(seen).toEqual(['later']);
  });

  it('a handler that throws consumes its message, as in poll: it is never delivered twice', () => {
    const image = newImage();
    expect(() =>
      inPlace(image, frame(0, 'boom'), () => {
        throw new Error('handler failed');
      }),
    ).toThrow('handler failed');
    expect(image.consumedPosition).toBe(64n);
    expect(image.hasData).toBe(false);
    const seen: string[] = [];
    expect(inPlace(image, frame(64, 'next'), (m) => seen.push(m.toString()))).toBe(1);
    expect(seen).toEqual(['next']);
  });
});
