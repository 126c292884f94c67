/**
 * The live throughput line: messages per second through each channel, read from the ring
 * counters in shared memory (sent total = the ring's tail), so measuring costs the actors nothing.
 */
import { createLogger, type Logger, type Tx } from '@steady/runtime';

export interface MeteredChannel {
  readonly label: string;
  readonly tx: Tx<number>;
}

/** Counts since the start, from the ring's 32-bit sent counter sampled often enough never to lose a wrap. */
class Counter {
  total = 0;
  private last: number;

  constructor(private readonly tx: Tx<number>) {
    this.last = tx.ring.sentCount();
  }

  sample(): number {
    const now = this.tx.ring.sentCount();
    const delta = (now - this.last) >>> 0; // the counter wraps at 2^32
    this.last = now;
    this.total += delta;
    return delta;
  }
}

/** `1234567` → `1.23 M`; `532` → `532`. */
export function formatRate(perSecond: number): string {
  if (perSecond >= 1e9) return `${(perSecond / 1e9).toFixed(2)}G`;
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(1)}M`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)}K`;
  return `${Math.round(perSecond)}`;
}

export class ThroughputMeter {
  private readonly counters: { label: string; counter: Counter }[];
  private readonly log: Logger = createLogger('throughput');
  private timer: ReturnType<typeof setInterval> | undefined;
  private startedAt = 0;
  private lastAt = 0;

  /** The last channel is the one the totals refer to (the end of the pipeline). */
  constructor(channels: readonly MeteredChannel[]) {
    this.counters = channels.map(({ label, tx }) => ({ label, counter: new Counter(tx) }));
  }

  start(intervalMs = 1000): void {
    this.startedAt = performance.now();
    this.lastAt = this.startedAt;
    this.timer = setInterval(() => this.log.info(this.line()), intervalMs);
  }

  /** One line: messages/s through each channel since the last line. */
  line(): string {
    const now = performance.now();
    const seconds = (now - this.lastAt) / 1000;
    this.lastAt = now;
    const rates = this.counters.map(
      ({ label, counter }) => `${label} ${formatRate(counter.sample() / seconds)}/s`,
    );
    return rates.join(', ');
  }

  /** Stops the line and returns the final figures of the last channel. */
  stop(): { total: number; seconds: number; perSecond: number } {
    clearInterval(this.timer);
    for (const { counter } of this.counters) counter.sample();
    const seconds = (performance.now() - this.startedAt) / 1000;
    const total = this.counters.at(-1)?.counter.total ?? 0;
    return { total, seconds, perSecond: seconds > 0 ? total / seconds : 0 };
  }
}
