/**
 * The receiver's Image on its own: frames inserted by hand, in any order, then gaps, the rebuild
 * position and controlled polls checked directly (no sockets, no timers).
 */
import { describe, expect, it } from 'vitest';
import { ABORT, DataFlags, encodeFrame, HEADER_LENGTH, Image } from '../../src/aeron/index.ts';

const TERM = 64 * 1024;
const INITIAL = 100;
const SESSION = 7;
const STREAM = 1001;
const PEER = { address: '192.0.2.1', port: 40001 };

const newImage = (termId = INITIAL, termOffset = 0) =>
  new Image(SESSION, STREAM, INITIAL, TERM, 1408, termId, termOffset, PEER, 0);

/** One DATA frame as a datagram of its own. */
function frame(termOffset: number, text: string, flags: number = DataFlags.UNFRAGMENTED, termId = INITIAL) {
  const payload = Buffer.from(text);
  return {
    bytes: encodeFrame({
      type: 'data',
      frameLength: HEADER_LENGTH + payload.length,
      flags,
      termOffset,
      sessionId: SESSION,
      streamId: STREAM,
      termId,
      reservedValue: 0n,
      payload,
    }),
    termOffset,
    termId,
    frameLength: HEADER_LENGTH + payload.length,
  };
}

function insert(image: Image, f: ReturnType<typeof frame>): boolean {
  return image.insert(f.bytes, 0, 0x01, f.frameLength, f.termId, f.termOffset);
}

const texts = (image: Image, limit = 100) => {
  const out: string[] = [];
  image.poll((m) => out.push(m.toString()), limit);
  return out;
};

describe('Image: rebuild and gaps', () => {
  it('in-order frames move the rebuild position; out-of-order ones leave a gap the size of what is missing', () => {
    const image = newImage();
    expect(insert(image, frame(0, 'a'))).toBe(true); // 33 bytes: 64 in the term
    expect(image.rebuildPosition).toBe(64n);
    expect(insert(image, frame(192, 'd'))).toBe(true);
    expect(image.rebuildPosition).toBe(64n);
    expect(image.highWaterMark).toBe(256n);
    expect(image.hasGap).toBe(true);
    expect(image.gaps(10)).toEqual([{ termId: INITIAL, termOffset: 64, length: 128 }]);
    expect(insert(image, frame(128, 'c'))).toBe(true);
    expect(image.gaps(10)).toEqual([{ termId: INITIAL, termOffset: 64, length: 64 }]);
    expect(insert(image, frame(64, 'b'))).toBe(true);
    expect(image.hasGap).toBe(false);
    expect(image.rebuildPosition).toBe(256n);
    expect(texts(image)).toEqual(['a', 'b', 'c', 'd']);
    expect(image.consumedPosition).toBe(256n);
  });

  it('a heartbeat beyond the data reveals a lost tail; duplicates and old frames change nothing', () => {
    const image = newImage();
    insert(image, frame(0, 'a'));
    expect(image.heartbeat(INITIAL, 192, false)).toBe(true);
    expect(image.gaps(10)).toEqual([{ termId: INITIAL, termOffset: 64, length: 128 }]);
    expect(insert(image, frame(0, 'a'))).toBe(true); // a duplicate
    expect(image.rebuildPosition).toBe(64n);
    expect(insert(image, frame(0, 'old', DataFlags.UNFRAGMENTED, INITIAL - 1))).toBe(true); // before the window: ignored
    expect(insert(image, frame(0, 'far', DataFlags.UNFRAGMENTED, INITIAL + 2))).toBe(false); // beyond it: refused
    expect(insert(image, frame(40, 'unaligned'))).toBe(false);
    expect(texts(image)).toEqual(['a']);
  });

  it('gaps() reports each gap, up to the limit asked for', () => {
    const image = newImage();
    for (const at of [64, 192, 320]) insert(image, frame(at, 'x'));
    expect(image.gaps(10).map((g) => g.termOffset)).toEqual([0, 128, 256]);
    expect(image.gaps(2)).toHaveLength(2);
  });

  it('fillGap pads over a gap (unreliable streams) so delivery moves past it', () => {
    const image = newImage();
    insert(image, frame(0, 'a'));
    insert(image, frame(128, 'c'));
    for (const gap of image.gaps(10)) image.fillGap(gap);
    expect(image.hasGap).toBe(false);
    expect(texts(image)).toEqual(['a', 'c']);
  });

  it('crosses into the next term: positions stay exact and the window moves with consumption', () => {
    const image = newImage(INITIAL, TERM - 64);
    expect(image.joinPosition).toBe(BigInt(TERM - 64));
    insert(image, frame(TERM - 64, 'last of term'));
    insert(image, frame(0, 'first of next', DataFlags.UNFRAGMENTED, INITIAL + 1));
    expect(image.rebuildPosition).toBe(BigInt(TERM + 64));
    expect(texts(image)).toEqual(['last of term', 'first of next']);
    expect(image.consumptionTermId).toBe(INITIAL + 1);
    expect(image.consumptionTermOffset).toBe(64);
    // Two terms ahead of the subscriber is now within reach.
    expect(insert(image, frame(0, 'two on', DataFlags.UNFRAGMENTED, INITIAL + 2))).toBe(true);
  });

  it('a partition holds nothing of the term it held three terms before: what was stored in it is cleaned', () => {
    const image = newImage();
    /** Pads the rest of `termId` from `termOffset`: the image stores only the PAD's header. */
    const padTo = (termId: number, termOffset: number) => {
      const pad = encodeFrame({
        type: 'pad',
        frameLength: TERM - termOffset,
        flags: DataFlags.UNFRAGMENTED,
        termOffset,
        sessionId: SESSION,
        streamId: STREAM,
        termId,
        reservedValue: 0n,
        payload: Buffer.alloc(0),
      });
      expect(image.insert(pad, 0, 0x00, TERM - termOffset, termId, termOffset)).toBe(true);
    };
    insert(image, frame(0, 'a'));
    padTo(INITIAL, 64);
    expect(texts(image)).toEqual(['a']);
    for (const termId of [INITIAL + 1, INITIAL + 2]) {
      padTo(termId, 0);
      expect(texts(image)).toEqual([]);
    }
    // INITIAL + 3 reuses INITIAL's partition. A frame at 128 leaves a gap at 0: had the old 'a'
    // and PAD header stayed there, the rebuild would run over them as if they had arrived.
    expect(image.consumptionTermId).toBe(INITIAL + 3);
    insert(image, frame(128, 'after the gap', DataFlags.UNFRAGMENTED, INITIAL + 3));
    expect(image.rebuildPosition).toBe(BigInt(3 * TERM));
    expect(image.gaps(10)).toEqual([{ termId: INITIAL + 3, termOffset: 0, length: 128 }]);
  });
});

describe('Image: controlled poll', () => {
  function withFragmented(): Image {
    const image = newImage();
    insert(image, frame(0, 'first'));
    insert(image, frame(64, 'frag-1|', DataFlags.BEGIN));
    insert(image, frame(128, 'frag-2|', 0));
    insert(image, frame(192, 'frag-3', DataFlags.END));
    insert(image, frame(256, 'after'));
    return image;
  }

  it('reassembles fragments into one message and counts frames against the limit', () => {
    const image = withFragmented();
    const out: string[] = [];
    const result = image.poll((m) => out.push(m.toString()), 100);
    expect(out).toEqual(['first', 'frag-1|frag-2|frag-3', 'after']);
    expect(result).toEqual({ fragments: 5, messages: 3, bytes: 5 + 20 + 5, aborted: false });
  });

  it('stops at the fragment limit and goes on from there', () => {
    const image = withFragmented();
    const out: string[] = [];
    expect(image.poll((m) => out.push(m.toString()), 2).fragments).toBe(2);
    expect(out).toEqual(['first']);
    image.poll((m) => out.push(m.toString()), 100);
    expect(out).toEqual(['first', 'frag-1|frag-2|frag-3', 'after']);
  });

  it('ABORT leaves a whole message in place: the next poll delivers it again, and the position does not move', () => {
    const image = withFragmented();
    const result = image.poll(() => ABORT, 100);
    expect(result).toMatchObject({ fragments: 0, messages: 0, aborted: true });
    expect(image.consumedPosition).toBe(0n);
    expect(texts(image, 1)).toEqual(['first']);
  });

  it('ABORT on a fragmented message keeps the fragments assembled so far and delivers it whole later', () => {
    const image = withFragmented();
    let seen = 0;
    const out: string[] = [];
    const refuseSecond = (m: Buffer) => {
      if (++seen === 2) return ABORT;
      out.push(m.toString());
    };
    const result = image.poll(refuseSecond, 100);
    expect(result).toMatchObject({ messages: 1, aborted: true });
    expect(image.consumedPosition).toBe(192n); // up to the last fragment, which comes again
    expect(texts(image)).toEqual(['frag-1|frag-2|frag-3', 'after']);
    expect(out).toEqual(['first']);
  });

  it('a message whose first fragment came before the image joined is skipped', () => {
    const image = newImage(INITIAL, 128);
    insert(image, frame(128, 'tail-of-older', DataFlags.END));
    insert(image, frame(192, 'whole'));
    expect(texts(image)).toEqual(['whole']);
  });

  it('the end of stream is reached once everything before it is consumed', () => {
    const image = newImage();
    insert(image, frame(0, 'a'));
    image.heartbeat(INITIAL, 64, true);
    expect(image.eosPosition).toBe(64n);
    expect(image.reachedEndOfStream).toBe(false);
    texts(image);
    expect(image.reachedEndOfStream).toBe(true);
  });
});
