/** Heartbeat records on the wire: beat number and send time, each an unsigned 64-bit big-endian integer. */
/** Bytes of one record: the beat (8 bytes), then the send time in microseconds (8 bytes). */
export const RECORD_BYTES = 16;
/** The largest message the pods send: 65504 bytes, under Aeron's 64 KiB limit with room for headers. */
export const MAX_MESSAGE_BYTES = 65504;

/** Records in one full message: 4094 (65504 / 16). */
export const MAX_RECORDS = Math.floor(MAX_MESSAGE_BYTES / RECORD_BYTES);
const TWO_32 = 2 ** 32;

/** How many records each message carries, for `count` records: as few messages as fit. */
export function recordGroups(count: number): number[] {
  const groups: number[] = [];
  for (let left = count; left > 0; left -= MAX_RECORDS) groups.push(Math.min(left, MAX_RECORDS));
  return groups;
}

/** Writes `v` at `offset` as an unsigned 64-bit big-endian integer (two 32-bit halves). */
function setU64(out: DataView, offset: number, v: number): void {
  out.setUint32(offset, Math.floor(v / TWO_32)); // the high half first: big-endian, DataView's default
  out.setUint32(offset + 4, v % TWO_32);
}

/** Writes `count` records into `out`; returns the bytes written. */
export function packRecords(
  beats: ArrayLike<number>,
  times: ArrayLike<number>,
  count: number,
  out: DataView,
): number {
  for (let i = 0; i < count; i++) {
    setU64(out, i * RECORD_BYTES, beats[i] as number);
    setU64(out, i * RECORD_BYTES + 8, times[i] as number);
  }
  return out.byteLength;
}
