/**
 * One timer armed for the earliest pending deadline. Re-arming only when a sooner
 * deadline appears keeps the cost of frequent "wake me by then" calls near zero, and the
 * timer is unref'd so it never keeps the process alive on its own.
 */
import type { Clock } from './clock.ts';

export class DeadlineTimer {
  private handle: NodeJS.Timeout | undefined;
  private armedFor = Number.POSITIVE_INFINITY;

  constructor(
    private readonly clock: Clock,
    private readonly fire: () => void,
  ) {}

  /** Makes sure the callback runs no later than `at` (a time on `clock`); +Infinity asks for nothing. */
  wakeBy(at: number): void {
    if (at >= this.armedFor || at === Number.POSITIVE_INFINITY) return;
    if (this.handle !== undefined) clearTimeout(this.handle);
    this.armedFor = at;
    this.handle = setTimeout(
      () => {
        this.handle = undefined;
        this.armedFor = Number.POSITIVE_INFINITY;
        this.fire();
      },
      Math.max(0, at - this.clock()),
    );
    this.handle.unref();
  }

  cancel(): void {
    if (this.handle !== undefined) clearTimeout(this.handle);
    this.handle = undefined;
    this.armedFor = Number.POSITIVE_INFINITY;
  }
}
