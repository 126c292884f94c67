/** The serializer's group packing: 8 big-endian bytes a value, at most MAX_GROUP values a message. */
export const MAX_GROUP = 8188;

/** How many values each message carries: groups of at most MAX_GROUP. */
export function groupSizes(count: number): number[] {
  const sizes: number[] = [];
  for (let left = count; left > 0; left -= MAX_GROUP) sizes.push(Math.min(left, MAX_GROUP));
  return sizes;
}

/** Writes `count` values into `out` as unsigned 64-bit big-endian integers; returns the bytes written. */
export function packGroup(values: ArrayLike<number>, count: number, out: DataView): number {
  for (let i = 0; i < count; i++) {
    const v = values[i] as number;
    out.setUint32(i * 8, Math.floor(v / 2 ** 32));
    out.setUint32(i * 8 + 4, v >>> 0);
  }
  return count * 8;
}
