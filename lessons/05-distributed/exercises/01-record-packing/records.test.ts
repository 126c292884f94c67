import { expect, it } from 'vitest';
import { MAX_MESSAGE_BYTES, packRecords, RECORD_BYTES, recordGroups } from './records.ts';

/** The bytes of `v` as an unsigned 64-bit big-endian integer. */
const u64 = (v: number) => {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(v)); // BigInt: exact, and big-endian by default
  return [...new Uint8Array(view.buffer)];
};

/** Bytes as hex, two digits each: a wrong byte shows where it is. */
const hex = (bytes: number[]) => bytes.map((byte) => byte.toString(16).padStart(2, '0')).join(' ');

it('writes two records of 16 bytes: beat, then time, each 8 bytes big-endian', () => {
  const out = new DataView(new ArrayBuffer(48)); // room for three records: two are written
  expect(
    packRecords([3, 4], [1000, 2000], 2, out),
    'bytes written: 16 bytes a record, for the 2 records written (not the size of `out`, which has room to spare)',
  ).toBe(32);
  const bytes = [...new Uint8Array(out.buffer)];
  expect(
    hex(bytes.slice(0, 32)),
    'the message, in hex: 16 bytes a record, beat then time, each 8 bytes big-endian (the most significant byte first)',
  ).toBe(hex([...u64(3), ...u64(1000), ...u64(4), ...u64(2000)]));
  expect(hex(bytes.slice(32)), 'the bytes after the two records: left as they were').toBe(
    hex(new Array(16).fill(0)),
  );
});

it('writes times past 2^32 microseconds exactly (a time since 1970 in µs is about 2^50)', () => {
  const out = new DataView(new ArrayBuffer(16));
  const time = 1_767_225_600_123_456; // 2026-01-01 in µs: past 2^32, below 2^53
  packRecords([2 ** 32 + 5], [time], 1, out);
  expect(
    hex([...new Uint8Array(out.buffer)]),
    'a beat and a time past 2^32, in hex: both halves, high first',
  ).toBe(hex([...u64(2 ** 32 + 5), ...u64(time)]));
});

it('cuts records into messages of at most 65504 bytes', () => {
  const groups = recordGroups(10_000);
  expect(
    Math.max(...groups) * RECORD_BYTES,
    'bytes of the largest message: never more than 65504 bytes',
  ).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
  expect(groups, 'as few messages as fit: full messages, then the rest').toEqual([4094, 4094, 1812]);
  expect(recordGroups(4094), 'exactly one full message').toEqual([4094]);
  expect(recordGroups(0), 'nothing to send').toEqual([]);
});
