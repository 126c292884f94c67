/** The serializer's group packing: 8 big-endian bytes a value, at most MAX_GROUP values a message. */
export const MAX_GROUP = 8188;

/** How many values each message carries: groups of at most MAX_GROUP. */
export function groupSizes(count: number): number[] {
  return count > 0 ? [count] : []; // TODO: at most MAX_GROUP a group
}

/** Writes `count` values into `out` as unsigned 64-bit big-endian integers; returns the bytes written. */
export function packGroup(values: ArrayLike<number>, count: number, out: DataView): number {
  for (let i = 0; i < count; i++) {
    out.setUint32(i * 8, values[i] as number, true); // TODO: big-endian, both halves
  }
  return count * 8;
}
