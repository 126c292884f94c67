import { expect, it } from 'vitest';
import { groupSizes, packGroup } from './pack.ts';

it('splits values into groups of at most 8188', () => {
  expect(groupSizes(20_000)).toEqual([8188, 8188, 3624]);
  expect(groupSizes(8188)).toEqual([8188]);
  expect(groupSizes(8189)).toEqual([8188, 1]);
  expect(groupSizes(0)).toEqual([]);
});

it('writes each value as 8 big-endian bytes, past 2^32 too', () => {
  const out = new DataView(new ArrayBuffer(24));
  expect(packGroup([15, 256, 2 ** 32 + 1], 3, out)).toBe(24);
  expect([...new Uint8Array(out.buffer)]).toEqual([
    0, 0, 0, 0, 0, 0, 0, 15, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1,
  ]);
});
