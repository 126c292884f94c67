/** How an aqueduct publishes its Aeron counters to the dashboard without slowing its loop. */
import { type ActorCounters, writeCounters } from '../actor/actor-counters.ts';
import type { AeronCounters } from '../aeron/index.ts';

/** Telemetry samples every 100 ms at the most: copying the counters more often would be wasted. */
const REPORT_INTERVAL_MS = 100;

/**
 * Returns `report(force?)`: copies the transport's counters into the shared `counters` when the
 * last copy is older than the telemetry frame (or at once with `force`). Without counters (an
 * aqueduct built by hand, without `buildAqueduct`) it does nothing.
 */
export function counterReporter(
  counters: ActorCounters | undefined,
  current: () => AeronCounters,
): (force?: boolean) => void {
  let last = Number.NEGATIVE_INFINITY;
  return (force = false) => {
    if (!counters) return;
    const now = performance.now();
    if (!force && now - last < REPORT_INTERVAL_MS) return;
    last = now;
    writeCounters(counters, { ...current() });
  };
}
