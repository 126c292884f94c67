/**
 * The wire format shared by both pods: each value as 8 big-endian bytes, at most
 * MAX_GROUP values (65504 bytes) in one stream message.
 *
 * Values are whole numbers from 0 up to 2^53 (they travel in Float64 slots inside a pod);
 * on the wire they are unsigned 64-bit big-endian integers, written as two 32-bit halves.
 */
export const BYTES_PER_VALUE = 8;
/** At most 8188 values a message: 65504 bytes, under Aeron's 64 KiB message limit with room for headers. */
export const MAX_GROUP = 8188;
export const MAX_MESSAGE_BYTES = MAX_GROUP * BYTES_PER_VALUE;

/** Stream (lane) ids: 0 = heartbeat, 1 = generator. */
export const STREAM_HEARTBEAT = 0;
export const STREAM_GENERATOR = 1;
export const STREAM_NAMES = ['heartbeat', 'generator'] as const;
/** Lane i travels as Aeron stream STREAM_ID_BASE + i. */
export const STREAM_ID_BASE = 1000;

const TWO_32 = 2 ** 32;

/** Writes `count` values from `values` into `out` as big-endian 64-bit integers; returns the bytes written. */
export function packGroup(values: ArrayLike<number>, count: number, out: DataView): number {
  for (let i = 0; i < count; i++) {
    const v = values[i] as number;
    out.setUint32(i * 8, Math.floor(v / TWO_32)); //#!#// big-endian is DataView's default
    out.setUint32(i * 8 + 4, v >>> 0);
  }
  return count * BYTES_PER_VALUE;
}

/** How many messages `count` values take, and how many values each: groups of at most MAX_GROUP. */
export function groupSizes(count: number, maxGroup = MAX_GROUP): number[] {
  const sizes: number[] = [];
  for (let left = count; left > 0; left -= maxGroup) sizes.push(Math.min(left, maxGroup));
  return sizes;
}

/** Reads the `index`-th value of a message. */
export function valueAt(view: DataView, index: number): number {
  return view.getUint32(index * 8) * TWO_32 + view.getUint32(index * 8 + 4);
}

/** Raised when a stream is out of sequence: a gap (values lost) or a duplicate (values sent twice). */
export class SequenceError extends Error {
  constructor(
    readonly stream: string,
    readonly expected: number,
    readonly got: number,
  ) {
    super(
      `stream ${stream} out of sequence: expected ${expected}, got ${got} (${got > expected ? `a gap of ${got - expected}` : 'a duplicate'})`,
    );
    this.name = 'SequenceError';
  }
}

/** `expected` before the first message of a stream: the first value starts the sequence. */
export const NOT_STARTED = -1;

/**
 * Checks that a message continues the sequence at `expected` (NOT_STARTED: the message's first
 * value starts it); returns the next expected value. Every value must be exactly one more than
 * the one before it.
 */
export function checkSequence(stream: string, view: DataView, expected: number): number {
  const count = view.byteLength / BYTES_PER_VALUE;
  if (!Number.isInteger(count))
    throw new Error(`stream ${stream}: a message of ${view.byteLength} bytes is not whole values`);
  let next = expected === NOT_STARTED && count > 0 ? valueAt(view, 0) : expected;
  for (let i = 0; i < count; i++) {
    const got = valueAt(view, i);
    if (got !== next) throw new SequenceError(stream, next, got); //#!#// fail loudly: never paper over a gap
    next += 1;
  }
  return next;
}
