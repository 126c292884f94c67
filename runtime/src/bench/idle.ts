/**
 * Waiting for an idle machine between two measurements. A browser bench that measures a first
 * visit right after another page opened its editor shares the cores with that editor's TypeScript
 * worker, busy for seconds after the page itself has gone quiet; waiting on the page's main
 * thread does not see it. The machine's own CPU counters do, whatever process keeps them busy.
 */
import { cpus } from 'node:os';

type CpuTimes = ReturnType<typeof cpus>[number]['times'];

/** Every tick a core counted, busy or idle. */
const ticks = (t: CpuTimes) => t.user + t.nice + t.sys + t.idle + t.irq;

/** The share (0..1) of the cores' time spent idle between two readings of `os.cpus()`. */
export function idleShare(before: readonly CpuTimes[], after: readonly CpuTimes[]): number {
  let idle = 0;
  let total = 0;
  after.forEach((now, core) => {
    const then = before[core];
    if (!then) return;
    idle += now.idle - then.idle;
    total += ticks(now) - ticks(then);
  });
  return total > 0 ? idle / total : 1;
}

export interface MachineIdleOptions {
  /** Each reading covers this long (default 500 ms). */
  readonly windowMs?: number;
  /** Idle enough: at least this share of the cores' time idle over one window (default 0.9). */
  readonly share?: number;
  /** Gives up after this long and resolves false (default 20 s). */
  readonly limitMs?: number;
}

/** Resolves true once the machine's cores were idle enough over one window, false at the limit. */
export async function machineIdle({
  windowMs = 500,
  share = 0.9,
  limitMs = 20_000,
}: MachineIdleOptions = {}): Promise<boolean> {
  const giveUpAt = Date.now() + limitMs;
  let before = cpus().map((cpu) => cpu.times);
  while (Date.now() < giveUpAt) {
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const after = cpus().map((cpu) => cpu.times);
    if (idleShare(before, after) >= share) return true;
    before = after;
  }
  return false;
}
