/** A bench's time budget: variants that would start after it is spent are skipped and reported as such. */
export class TimeBudget {
  private readonly startedAt = performance.now();

  constructor(readonly totalMs: number) {}

  elapsedMs(): number {
    return performance.now() - this.startedAt;
  }

  leftMs(): number {
    return Math.max(0, this.totalMs - this.elapsedMs());
  }

  /** True once less than `reserveMs` is left (0: once the budget is spent). */
  exhausted(reserveMs = 0): boolean {
    return this.leftMs() <= reserveMs;
  }
}
