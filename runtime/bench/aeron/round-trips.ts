/**
 * Round trips between a ping process and a pong process: their percentiles, and how each process
 * waits for its next datagram (the rows are measured with each way).
 *
 * - `sleep`: Node's own way. The event loop sleeps in the kernel until a datagram arrives, and
 *   every wake-up of a sleeping process costs tens of µs here (more when the hypervisor has
 *   descheduled its vCPU): a round trip wakes two of them.
 * - `spin`: what Aeron's Ping sample does (it polls with a busy-spin idle strategy). The event
 *   loop never sleeps: an endless chain of `setImmediate` makes libuv poll the sockets with a
 *   zero timeout, so a datagram is handled microseconds after it lands, for a core kept busy by
 *   each process.
 *
 * The ping tells the pong which one a round trip is measured with in the first byte of the ping
 * (a pong starts spinning when it sees a `spin` ping), so one pair of processes measures both.
 * The Aeron rows and the bare `node:dgram` rows play the same game (PingGame).
 */
export const IDLE_STRATEGIES = ['sleep', 'spin'] as const;
export type IdleStrategy = (typeof IDLE_STRATEGIES)[number];

/** The first byte of a ping measured with `strategy`. */
export const idleMarker = (strategy: IdleStrategy): number => IDLE_STRATEGIES.indexOf(strategy);

/** Which strategy a ping whose first byte is `marker` was measured with (`sleep` for anything else). */
export const idleOf = (marker: number | undefined): IdleStrategy => IDLE_STRATEGIES[marker ?? 0] ?? 'sleep';

/** Idles this process with `strategy` from now on; returns what stops it. */
export function idleWith(strategy: IdleStrategy): () => void {
  if (strategy === 'sleep') return () => {};
  let spinning = true;
  const turn = () => {
    if (spinning) setImmediate(turn);
  };
  setImmediate(turn);
  return () => {
    spinning = false;
  };
}

/** A pong's side: spins from the first `spin` ping on, until the returned stop is called. */
export function followPing(): { heard(ping: Uint8Array): void; stop(): void } {
  let stop: (() => void) | undefined;
  return {
    heard(ping) {
      if (stop === undefined && idleOf(ping[0]) === 'spin') stop = idleWith('spin');
    },
    stop: () => stop?.(),
  };
}

export interface RoundTrips {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** Percentiles of round-trip times in µs (sorts `times` in place). */
export function percentiles(times: Float64Array): RoundTrips {
  times.sort();
  const count = times.length;
  const at = (p: number) => times[Math.min(count - 1, Math.floor((p / 100) * count))]!;
  return { count, p50: at(50), p90: at(90), p99: at(99), max: at(100) };
}

/** What a ping process prints: the round trips measured with each idle strategy. */
export type RoundTripsByIdle = Record<IdleStrategy, RoundTrips>;

/**
 * The ping's side: `count` round trips after `warmup` with each idle strategy in turn, each ping
 * sent from the previous echo's handler. `sendPing(marker)` sends one ping whose first byte is
 * `marker`; the transport calls `echoed()` when an echo arrives.
 */
export class PingGame {
  private times = new Float64Array(0);
  private next = 0;
  private marker = 0;
  private sentAt = 0n;
  private finish: (() => void) | undefined;

  constructor(
    private readonly sendPing: (marker: number) => void,
    private readonly count: number,
    private readonly warmup: number,
  ) {}

  echoed(): void {
    const rtt = Number(process.hrtime.bigint() - this.sentAt) / 1000;
    if (this.finish === undefined) return; // between strategies: a late echo of a ping sent again
    if (this.next >= 0) this.times[this.next] = rtt;
    if (++this.next < this.count) this.ping();
    else {
      const finish = this.finish;
      this.finish = undefined;
      finish();
    }
  }

  /** Sends the current ping (again, when the transport lost it). */
  ping(): void {
    this.sentAt = process.hrtime.bigint();
    this.sendPing(this.marker);
  }

  msSinceLastPing(): number {
    return Number(process.hrtime.bigint() - this.sentAt) / 1e6;
  }

  async play(): Promise<RoundTripsByIdle> {
    const results: Partial<RoundTripsByIdle> = {};
    for (const strategy of IDLE_STRATEGIES) {
      this.marker = idleMarker(strategy);
      this.times = new Float64Array(this.count);
      this.next = -this.warmup;
      const stopIdling = idleWith(strategy);
      await new Promise<void>((done) => {
        this.finish = done;
        this.ping();
      });
      stopIdling();
      results[strategy] = percentiles(this.times);
    }
    return results as RoundTripsByIdle;
  }
}
