/**
 * An image's three term buffers, as Aeron's log buffers hold them: the partition at index
 * `termId`'s turn holds that term's frames at their term offsets. A buffer is allocated only when
 * a frame first has to be stored (frames delivered in place never are), and each remembers how
 * far it was written since it was last clean, so that leaving a term cleans only those bytes:
 * cleaning a whole 16 MiB term at every term change cost a subscriber of an in-order stream about
 * 5 % of its CPU at 1 KiB messages, for terms it had never written.
 */
import { PARTITION_COUNT } from './position.ts';

export class TermPartitions {
  private readonly buffers: (Buffer | undefined)[] = new Array(PARTITION_COUNT).fill(undefined);
  private readonly writtenEnd: number[] = new Array(PARTITION_COUNT).fill(0);

  constructor(private readonly termLength: number) {}

  /** The buffer of partition `index`, or undefined when nothing was ever stored there (or `index` is −1). */
  at(index: number): Buffer | undefined {
    return this.buffers[index];
  }

  /** The buffer of partition `index`, allocated (zeroed) on first use. */
  create(index: number): Buffer {
    let buffer = this.buffers[index];
    if (buffer === undefined) {
      buffer = Buffer.alloc(this.termLength);
      this.buffers[index] = buffer;
    }
    return buffer;
  }

  /** Records that partition `index` holds written bytes up to `end`. */
  markWritten(index: number, end: number): void {
    if (end > this.writtenEnd[index]!) this.writtenEnd[index] = end;
  }

  /** Zeroes what was written into partition `index`: it will hold a later term. */
  clean(index: number): void {
    const end = this.writtenEnd[index]!;
    if (end > 0) this.buffers[index]?.fill(0, 0, end);
    this.writtenEnd[index] = 0;
  }
}
