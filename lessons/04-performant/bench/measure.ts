/** Measuring helpers for the bench: peak RSS while a variant runs, garbage collections. */
import { type PerformanceEntry, PerformanceObserver } from 'node:perf_hooks';

export const MB = 1024 * 1024;

/** Samples the process's resident memory (every thread's) while a run is in flight. */
export class RssSampler {
  peak = 0;
  readonly atStart = process.memoryUsage.rss();
  private timer: ReturnType<typeof setInterval> | undefined;

  start(everyMs = 10): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  /** Also called from inside long synchronous loops, where the timer cannot fire. */
  sample(): void {
    const rss = process.memoryUsage.rss();
    if (rss > this.peak) this.peak = rss;
  }

  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peak;
  }
}

/** Counts garbage collections on this thread (the main thread) while it observes. */
export class GcCounter {
  count = 0;
  private readonly observer = new PerformanceObserver((list) => {
    this.count += list.getEntries().filter((e: PerformanceEntry) => e.entryType === 'gc').length;
  });

  start(): void {
    this.observer.observe({ entryTypes: ['gc'] });
  }

  /** Stops observing (after letting pending entries arrive) and returns the count. */
  async stop(): Promise<number> {
    await new Promise((resolve) => setTimeout(resolve, 0));
    this.count += this.observer.takeRecords().filter((e) => e.entryType === 'gc').length;
    this.observer.disconnect();
    return this.count;
  }
}

export function heapUsed(): number {
  return process.memoryUsage().heapUsed;
}
