/**
 * An image's three term buffers, as Aeron's log buffers hold them: the partition at index
 * `termId`'s turn holds that term's frames at their term offsets. A buffer is allocated only when
 * a frame first has to be stored (frames delivered in place never are), and each remembers which
 * bytes were written since it was last clean, so that leaving a term cleans only those. An
 * in-order stream stores only what a burst puts in one datagram at a term's end (its last message
 * and the padding): cleaning the whole 16 MiB term for them at every term change cost a subscriber
 * about 5 % of its CPU at 1 KiB messages.
 */
import { PARTITION_COUNT } from './position.ts';

export class TermPartitions {
  private readonly buffers: (Buffer | undefined)[] = new Array(PARTITION_COUNT).fill(undefined);
  /** Per partition, the written bytes since it was last clean: [start, end), empty when start >= end. */
  private readonly writtenStart: number[];
  private readonly writtenEnd: number[] = new Array(PARTITION_COUNT).fill(0);

  constructor(private readonly termLength: number) {
    this.writtenStart = new Array(PARTITION_COUNT).fill(termLength);
  }

  /** The buffer of partition `index`, or undefined when nothing was ever stored there (or `index` is −1). */
  at(index: number): Buffer | undefined {
    return this.buffers[index];
  }

  /**
   * The buffer of partition `index` (allocated, zeroed, on first use), for the caller to write
   * bytes `start` to `end` into: they are cleaned when the subscriber leaves the term.
   */
  writable(index: number, start: number, end: number): Buffer {
    let buffer = this.buffers[index];
    if (buffer === undefined) {
      buffer = Buffer.alloc(this.termLength);
      this.buffers[index] = buffer;
    }
    if (start < this.writtenStart[index]!) this.writtenStart[index] = start;
    if (end > this.writtenEnd[index]!) this.writtenEnd[index] = end;
    return buffer;
  }

  /** Zeroes what was written into partition `index`: it will hold a later term. */
  clean(index: number): void {
    const start = this.writtenStart[index]!;
    const end = this.writtenEnd[index]!;
    if (start < end) this.buffers[index]?.fill(0, start, end);
    this.writtenStart[index] = this.termLength;
    this.writtenEnd[index] = 0;
  }
}
