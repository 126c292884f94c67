/** Heartbeat records on the wire: beat number and send time, each an unsigned 64-bit big-endian integer. */
/** Bytes of one record: the beat (8 bytes), then the send time in microseconds (8 bytes). */
export const RECORD_BYTES = 16;
/** The largest message the pods send: 65504 bytes, under Aeron's 64 KiB limit with room for headers. */
export const MAX_MESSAGE_BYTES = 65504;

/** How many records each message carries, for `count` records: as few messages as fit. */
export function recordGroups(count: number): number[] {
  return count > 0 ? [count] : []; // TODO: no message may exceed MAX_MESSAGE_BYTES
}

/** Writes `count` records into `out`; returns the bytes written. */
export function packRecords(
  beats: ArrayLike<number>,
  times: ArrayLike<number>,
  count: number,
  out: DataView,
): number {
  // TODO: 16 bytes a record, both fields as unsigned 64-bit big-endian integers
  for (let i = 0; i < count; i++) {
    out.setUint32(i * 8, beats[i] as number, true);
  }
  void times;
  return count * 8;
}
