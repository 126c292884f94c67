import { expect, it } from 'vitest';
import { MAX_TERM, termLengthFor } from './term.ts';

const KiB = 1024;
const MiB = 1024 * KiB;
/** The answer, or the error's kind. */
const answer = (bytesPerSecond: number, rttMs: number) => {
  try {
    return termLengthFor(bytesPerSecond, rttMs);
  } catch (error) {
    return error instanceof RangeError ? 'RangeError' : `other error: ${error}`;
  }
};

it('a small window fits the smallest term', () => {
  expect(answer(1_000_000, 10), '1 MB/s × 10 ms = 10 kB in flight: the smallest term, 64 KiB').toBe(64 * KiB);
});

it('80 MB/s over a 1 ms loopback needs 256 KiB; over 10 ms, 2 MiB', () => {
  expect(answer(80e6, 1), '80 MB/s × 1 ms = 80 kB in flight: half a term must hold it').toBe(256 * KiB);
  expect(answer(80e6, 10), '80 MB/s × 10 ms = 800 kB in flight: half a term must hold it').toBe(2 * MiB);
});

it('a window of exactly half a term fits that term', () => {
  expect(
    answer(128 * KiB, 1000),
    '128 KiB/s × 1 s = 128 KiB in flight, exactly half of 256 KiB: half the term holds it, so 256 KiB (double only while half the term is smaller than the window)',
  ).toBe(256 * KiB);
  expect(answer(512 * MiB, 1000), '512 MiB in flight, exactly half of 1 GiB: the largest term, 1 GiB').toBe(
    MAX_TERM,
  );
});

it('1 GB/s over 100 ms needs 256 MiB; a window past half of 1 GiB is refused', () => {
  expect(answer(1e9, 100), '1 GB/s × 100 ms = 100 MB in flight').toBe(256 * MiB);
  expect(answer(1e9, 1000), '1 GB/s × 1 s = 1 GB in flight: it would take a term of more than 1 GiB').toBe(
    'RangeError',
  );
  expect(answer(1e9, 500), '500 MB in flight: half of 1 GiB holds it').toBe(MAX_TERM);
});
