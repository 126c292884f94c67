/**
 * Term and position arithmetic. A position is a BigInt byte count since the stream
 * began: it passes 2^53 long before a stream ends, so it never travels as a Number.
 * Term ids are int32 and wrap; every difference of term ids goes through `| 0`.
 */

export const PARTITION_COUNT = 3;
export const FRAME_ALIGNMENT = 32;
export const MIN_TERM_LENGTH = 64 * 1024;
export const MAX_TERM_LENGTH = 1024 * 1024 * 1024;

/** Rounds `length` up to the 32-byte frame alignment. */
export function align(length: number): number {
  return (length + (FRAME_ALIGNMENT - 1)) & ~(FRAME_ALIGNMENT - 1);
}

/** True for a power of two between 64 KiB and 1 GiB. */
export function isValidTermLength(termLength: number): boolean {
  return (
    Number.isInteger(termLength) &&
    termLength >= MIN_TERM_LENGTH &&
    termLength <= MAX_TERM_LENGTH &&
    (termLength & (termLength - 1)) === 0
  );
}

/** log2 of a valid term length: the shift that turns a term count into a position. */
export function positionBitsToShift(termLength: number): number {
  return 31 - Math.clz32(termLength);
}

/** The difference `a − b` of two int32 term ids, wrapped to int32 as Aeron does. */
export function termIdDelta(a: number, b: number): number {
  return (a - b) | 0;
}

/** `((termId − initialTermId) as int32) << shift + termOffset`, exactly. */
export function computePosition(
  termId: number,
  termOffset: number,
  shift: number,
  initialTermId: number,
): bigint {
  const termCount = BigInt(termIdDelta(termId, initialTermId));
  return (termCount << BigInt(shift)) + BigInt(termOffset);
}

/** The int32 term id that holds `position`. */
export function termIdForPosition(position: bigint, shift: number, initialTermId: number): number {
  return Number(BigInt.asIntN(32, (position >> BigInt(shift)) + BigInt(initialTermId)));
}

/** The offset of `position` inside its term. */
export function termOffsetForPosition(position: bigint, termLength: number): number {
  return Number(position & BigInt(termLength - 1));
}

/** Aeron's partition index for a term: `(termId − initialTermId) mod 3`. */
export function partitionIndex(termId: number, initialTermId: number): number {
  const d = termIdDelta(termId, initialTermId) % PARTITION_COUNT;
  return d < 0 ? d + PARTITION_COUNT : d;
}

/** The largest message a term of this length carries: min(termLength / 8, 16 MiB). */
export function maxMessageLength(termLength: number): number {
  return Math.min(termLength / 8, 16 * 1024 * 1024);
}

/** Aeron's default initial receiver window (`rcv-wnd`), and the largest one a term allows. */
export const DEFAULT_RECEIVER_WINDOW = 128 * 1024;
export const MAX_RECEIVER_WINDOW = MAX_TERM_LENGTH / 2;

/**
 * The receiver window Aeron advertises: min(`rcv-wnd`, termLength / 2). The default of 128 KiB
 * fits the socket receive buffer most systems grant; a larger one lets a publisher run further
 * ahead over a long round trip (throughput ≤ window / round trip).
 */
export function receiverWindowFor(termLength: number, initialWindow = DEFAULT_RECEIVER_WINDOW): number {
  return Math.min(initialWindow, termLength / 2);
}
