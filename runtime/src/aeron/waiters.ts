/**
 * Callers waiting for something to change (a window to open, data to arrive): each wait is a
 * promise with a timeout, never a spin, and its timer never keeps the process alive.
 */
export class Waiters {
  private pending: (() => void)[] = [];

  /** Resolves with `outcome()` when woken, or false after `timeoutMs`. */
  wait(timeoutMs: number, outcome: () => boolean): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending = this.pending.filter((w) => w !== wake);
        resolve(false);
      }, timeoutMs);
      timer.unref();
      const wake = () => {
        clearTimeout(timer);
        resolve(outcome());
      };
      this.pending.push(wake);
    });
  }

  wakeAll(): void {
    if (this.pending.length === 0) return;
    const pending = this.pending;
    this.pending = [];
    for (const wake of pending) wake();
  }
}
