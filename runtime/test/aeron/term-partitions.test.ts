/**
 * An image's term buffers on their own: allocated on first use only, and cleaned of exactly the
 * bytes marked as written (a term that stored a few frames at its end is not zeroed whole).
 */
import { describe, expect, it } from 'vitest';
import { TermPartitions } from '../../src/aeron/term-partitions.ts';

const TERM = 64 * 1024;

describe('TermPartitions', () => {
  it('allocates a partition on first use only, zeroed, and hands back the same buffer', () => {
    const partitions = new TermPartitions(TERM);
    expect(partitions.at(0)).toBeUndefined();
    expect(partitions.at(-1)).toBeUndefined();
    const buffer = partitions.writable(1, 0, 32);
    expect(buffer.length).toBe(TERM);
    expect(buffer.every((b) => b === 0)).toBe(true);
    expect(partitions.writable(1, 32, 64)).toBe(buffer);
    expect(partitions.at(1)).toBe(buffer);
    expect(partitions.at(0)).toBeUndefined();
  });

  it('clean zeroes every range marked as written, from the lowest start to the highest end', () => {
    const partitions = new TermPartitions(TERM);
    const buffer = partitions.writable(2, TERM - 1088, TERM - 64);
    partitions.writable(2, TERM - 64, TERM);
    buffer.fill(7, TERM - 1088, TERM);
    partitions.writable(2, 1000, 1032).fill(9, 1000, 1032);
    partitions.clean(2);
    expect(buffer.every((b) => b === 0)).toBe(true);
  });

  it('clean leaves alone what was not marked: only the written bytes are its work', () => {
    const partitions = new TermPartitions(TERM);
    const buffer = partitions.writable(0, TERM - 1024, TERM);
    buffer.fill(7, TERM - 1024, TERM);
    buffer[10] = 5; // never announced: a partition is only ever written where `writable` was told
    partitions.clean(0);
    expect(buffer[10]).toBe(5);
    expect(buffer.subarray(TERM - 1024).every((b) => b === 0)).toBe(true);
    // Clean again with nothing marked since: nothing to do, nothing touched.
    buffer[TERM - 1] = 3;
    partitions.clean(0);
    expect(buffer[TERM - 1]).toBe(3);
  });
});
