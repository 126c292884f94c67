/**
 * The publisher's log on its own: frames as written in the terms, fragmentation, padding and
 * term rotation, datagram packing, and exact BigInt positions far past 2^31.
 */
import { describe, expect, it } from 'vitest';
import {
  DataFlags,
  FLAGS_OFFSET,
  FrameType,
  HEADER_LENGTH,
  PAYLOAD_OFFSET,
  TERM_ID_OFFSET,
  TERM_OFFSET_OFFSET,
  TYPE_OFFSET,
} from '../../src/aeron/index.ts';
import { measureDatagram, PublisherLog } from '../../src/aeron/publisher-log.ts';

const TERM = 64 * 1024;
const id = { sessionId: 42, streamId: 1001, initialTermId: 10, termLength: TERM, mtu: 1408 };

const frameAt = (log: PublisherLog, termId: number, at: number) => {
  const term = log.partitionFor(termId)!;
  return {
    frameLength: term.readInt32LE(at),
    flags: term[at + FLAGS_OFFSET],
    type: term.readUInt16LE(at + TYPE_OFFSET),
    termOffset: term.readInt32LE(at + TERM_OFFSET_OFFSET),
    termId: term.readInt32LE(at + TERM_ID_OFFSET),
  };
};

describe('PublisherLog', () => {
  it('appends a message as one DATA frame, its length unaligned, the tail aligned to 32', () => {
    const log = new PublisherLog(id, 10, 0);
    log.append(Buffer.from('hello'), 0, 5);
    expect(frameAt(log, 10, 0)).toEqual({
      frameLength: HEADER_LENGTH + 5,
      flags: DataFlags.UNFRAGMENTED,
      type: FrameType.DATA,
      termOffset: 0,
      termId: 10,
    });
    expect(log.partitionFor(10)!.toString('utf8', PAYLOAD_OFFSET, PAYLOAD_OFFSET + 5)).toBe('hello');
    expect(log.tailOffset).toBe(64);
    expect(log.tailPosition).toBe(64n);
  });

  it('fragments a message longer than MTU − 32: BEGIN, middle, END, each at most an MTU', () => {
    const log = new PublisherLog(id, 10, 0);
    const maxPayload = 1408 - HEADER_LENGTH;
    const length = 2 * maxPayload + 100;
    expect(log.spaceFor(length)).toBe(2 * 1408 + 160);
    log.append(Buffer.alloc(length, 1), 0, length);
    expect(frameAt(log, 10, 0)).toMatchObject({ frameLength: 1408, flags: DataFlags.BEGIN });
    expect(frameAt(log, 10, 1408)).toMatchObject({ frameLength: 1408, flags: 0 });
    expect(frameAt(log, 10, 2816)).toMatchObject({ frameLength: HEADER_LENGTH + 100, flags: DataFlags.END });
    expect(log.tailOffset).toBe(2 * 1408 + 160);
  });

  it('pads the rest of a term with one PAD frame and rotates into the next partition, cleaned', () => {
    const log = new PublisherLog(id, 10, TERM - 96);
    const nextPartition = log.partitions[1]!;
    nextPartition.fill(0xee); // what an old term left behind
    log.padAndRotate();
    expect(frameAt(log, 10, TERM - 96)).toMatchObject({
      frameLength: 96,
      type: FrameType.PAD,
      termOffset: TERM - 96,
    });
    expect(log.activeTermId).toBe(11);
    expect(log.tailOffset).toBe(0);
    expect(log.tailPosition).toBe(BigInt(TERM));
    expect(log.partitionFor(11)).toBe(nextPartition);
    expect(nextPartition.every((b) => b === 0)).toBe(true);
    // Term 10 is still there for NAKs; three terms back it is gone.
    expect(log.partitionFor(10)).toBeDefined();
    log.padAndRotate();
    log.padAndRotate();
    expect(log.partitionFor(10)).toBeUndefined();
    expect(log.partitionFor(13)).toBe(log.partitions[(13 - 10) % 3]);
  });

  it('a message that ends exactly at the term end rotates the log', () => {
    const log = new PublisherLog(id, 10, TERM - 64);
    log.append(Buffer.alloc(32), 0, 32);
    expect(log.activeTermId).toBe(11);
    expect(log.tailOffset).toBe(0);
  });

  it('keeps exact BigInt positions past 2^31 and past 2^53, with the term id wrapping as int32', () => {
    const beyond31 = new PublisherLog(id, 10 + 40_000, 4096); // 40,000 terms of 64 KiB: 2.6 × 10^9 bytes
    expect(beyond31.tailPosition).toBe(40_000n * 65_536n + 4096n);
    expect(beyond31.tailPosition > 2n ** 31n).toBe(true);
    beyond31.append(Buffer.alloc(100), 0, 100);
    expect(beyond31.tailPosition).toBe(40_000n * 65_536n + 4096n + 160n);
    const gib = { ...id, termLength: 1024 * 1024 * 1024, initialTermId: 2 ** 31 - 5 };
    const huge = new PublisherLog(gib, (2 ** 31 - 5 + 2 ** 24) | 0, 1024); // 2^24 terms of 1 GiB: 2^54
    expect(huge.activeTermId).toBeLessThan(0); // wrapped
    expect(huge.tailPosition).toBe(2n ** 54n + 1024n);
    expect(huge.activeTermBase).toBe(2n ** 54n);
  });

  it('measureDatagram packs whole frames up to the MTU and ends a datagram at a PAD (header only on the wire)', () => {
    const log = new PublisherLog(id, 10, TERM - 3 * 512);
    for (let i = 0; i < 2; i++) log.append(Buffer.alloc(400), 0, 400); // 432 → 448 bytes each
    log.padAndRotate();
    const term = log.partitionFor(10)!;
    const out = { advance: 0, wire: 0 };
    const start = TERM - 3 * 512;
    expect(measureDatagram(term, start, TERM, 1408, true, out)).toEqual({
      advance: TERM - start,
      wire: 896 + 32,
    });
    expect(measureDatagram(term, start, start + 500, 1408, true, out)).toEqual({ advance: 448, wire: 448 });
    expect(measureDatagram(term, start, start + 500, 1408, false, out)).toEqual({ advance: 896, wire: 896 });
    expect(measureDatagram(term, start, TERM, 500, true, out)).toEqual({ advance: 448, wire: 448 });
  });
});
