import { describe, expect, it } from 'vitest';
import {
  computePosition,
  maxMessageLength,
  partitionIndex,
  positionBitsToShift,
  receiverWindowFor,
  termIdForPosition,
  termOffsetForPosition,
} from '../../src/aeron/index.ts';

describe('positions (BigInt) and term ids (int32, wrapping)', () => {
  it('computes ((termId − initialTermId) as int32) << shift + termOffset', () => {
    const shift = positionBitsToShift(65536);
    expect(shift).toBe(16);
    expect(computePosition(10, 96, shift, 10)).toBe(96n);
    expect(computePosition(12, 32, shift, 10)).toBe(2n * 65536n + 32n);
  });

  it('keeps counting when the term id wraps from 2^31 − 1 to −2^31', () => {
    const shift = positionBitsToShift(1 << 24);
    const initial = 2147483600;
    const wrapped = (initial + 100) | 0;
    expect(wrapped).toBeLessThan(0);
    expect(computePosition(wrapped, 64, shift, initial)).toBe((100n << 24n) + 64n);
    expect(termIdForPosition((100n << 24n) + 64n, shift, initial)).toBe(wrapped);
  });

  it('is exact past 2^53, where a Number would round', () => {
    const termLength = 1 << 30;
    const shift = positionBitsToShift(termLength);
    const initial = -2147483648;
    const termId = (initial + 2 ** 31 - 1) | 0; // the last term before the count itself wraps
    const position = computePosition(termId, termLength - 32, shift, initial);
    expect(position).toBe(((2n ** 31n - 1n) << 30n) + BigInt(termLength - 32));
    expect(position > 2n ** 53n).toBe(true);
    expect(Number(position) === Number(position + 1n)).toBe(true); // why Numbers would not do
    expect(termIdForPosition(position, shift, initial)).toBe(termId);
    expect(termOffsetForPosition(position, termLength)).toBe(termLength - 32);
  });

  it('picks partition (termId − initialTermId) mod 3, across the int32 wrap', () => {
    const initial = 2147483646;
    expect([0, 1, 2, 3, 4].map((i) => partitionIndex((initial + i) | 0, initial))).toEqual([0, 1, 2, 0, 1]);
  });

  it('derives the maximum message and the receiver window from the term length', () => {
    expect(maxMessageLength(65536)).toBe(8192);
    expect(maxMessageLength(1 << 30)).toBe(16 * 1024 * 1024);
    expect(receiverWindowFor(65536)).toBe(32768);
    expect(receiverWindowFor(16 * 1024 * 1024)).toBe(131072);
  });
});
