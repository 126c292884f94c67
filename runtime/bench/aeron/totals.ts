/**
 * What a receiving role counts, the same way for Aeron and for bare `node:dgram`, so that their
 * rows compare: messages and payload bytes, in 100 ms buckets from the first message (the
 * sustained rate leaves the first buckets out), and the CPU time the process spent meanwhile.
 */

/** The subscriber counts bytes in buckets of this length, from its first message. */
export const BUCKET_MS = 100;
/** Buckets left out of the sustained rate: connection, first window, JIT warm-up. */
export const WARMUP_BUCKETS = 5;

export interface ReceiverTotals {
  messages: number;
  bytes: number;
  firstEpochMs: number;
  lastEpochMs: number;
  buckets: number[];
  /** CPU time (user + system) this process spent from the first message to the last, µs. */
  cpuMicros: number;
}

export interface SenderTotals {
  sent: number;
  /** CPU time this process spent from connecting to the end of sending, µs. */
  cpuMicros: number;
  /** Wall time from the first send to the last, ms (the bare source reports it). */
  elapsedMs?: number;
}

export class ReceiveCounter {
  readonly totals: ReceiverTotals = {
    messages: 0,
    bytes: 0,
    firstEpochMs: 0,
    lastEpochMs: 0,
    buckets: [],
    cpuMicros: 0,
  };
  private cpuAtFirst = process.cpuUsage();
  private cpuAtLast = this.cpuAtFirst;
  private first = 0;
  private last = 0;
  private bucketEnd = 0;
  private bucket = 0;

  /** Counts one message of `length` payload bytes. */
  count(length: number): void {
    const t = this.totals;
    const now = performance.now();
    if (t.messages === 0) {
      this.first = now;
      this.bucketEnd = now + BUCKET_MS;
      t.firstEpochMs = Date.now();
      this.cpuAtFirst = process.cpuUsage();
    }
    while (now >= this.bucketEnd) {
      t.buckets.push(this.bucket);
      this.bucket = 0;
      this.bucketEnd += BUCKET_MS;
    }
    this.bucket += length;
    this.last = now;
    t.messages++;
    // Reading the CPU clock costs a system call: once per 1,024 messages is enough.
    if ((t.messages & 1023) === 0) this.cpuAtLast = process.cpuUsage();
    t.bytes += length;
  }

  /** The totals once the stream ended. */
  finish(): ReceiverTotals {
    const t = this.totals;
    t.lastEpochMs = t.firstEpochMs + (this.last - this.first);
    const cpu = process.cpuUsage(this.cpuAtFirst);
    const atLast =
      this.cpuAtLast.user - this.cpuAtFirst.user + this.cpuAtLast.system - this.cpuAtFirst.system;
    t.cpuMicros = Math.max(atLast, 0) || cpu.user + cpu.system;
    return t;
  }
}

/** MB/s once running: the full buckets after the warm-up, or undefined when the run was too short. */
export function sustainedMBps(t: ReceiverTotals): number | undefined {
  const steady = t.buckets.slice(WARMUP_BUCKETS);
  if (steady.length < 3) return undefined;
  return steady.reduce((a, b) => a + b, 0) / (steady.length * BUCKET_MS * 1000);
}
