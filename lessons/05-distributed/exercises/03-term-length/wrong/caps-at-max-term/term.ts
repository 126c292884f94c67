/** Sizing an Aeron term for a target throughput. */
export const MIN_TERM = 64 * 1024;
export const MAX_TERM = 1024 * 1024 * 1024;

/** The smallest power-of-two term (64 KiB … 1 GiB) whose half holds `bytesPerSecond × rtt`. */
export function termLengthFor(bytesPerSecond: number, rttMs: number): number {
  const window = bytesPerSecond * (rttMs / 1000);
  let term = MIN_TERM;
  while (term / 2 < window && term < MAX_TERM) term *= 2; // never more than 1 GiB
  return term;
}
