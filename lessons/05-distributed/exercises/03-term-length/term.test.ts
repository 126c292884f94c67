import { expect, it } from 'vitest';
import { termLengthFor } from './term.ts';

it('a small window fits the smallest term', () => {
  expect(termLengthFor(1_000_000, 10)).toBe(64 * 1024); // 10 kB window
});

it('80 MB/s over a 1 ms loopback needs 256 KiB; over 10 ms, 2 MiB', () => {
  expect(termLengthFor(80e6, 1)).toBe(256 * 1024);
  expect(termLengthFor(80e6, 10)).toBe(2 * 1024 * 1024);
});

it('1 GB/s over 100 ms needs 256 MiB; 10 GB/s over 1 s is refused', () => {
  expect(termLengthFor(1e9, 100)).toBe(256 * 1024 * 1024);
  expect(() => termLengthFor(1e10, 1000)).toThrow(RangeError);
});
