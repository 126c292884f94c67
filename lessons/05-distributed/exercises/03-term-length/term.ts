/** Sizing an Aeron term for a target throughput. */
export const MIN_TERM = 64 * 1024;
export const MAX_TERM = 1024 * 1024 * 1024;

/** The smallest power-of-two term (64 KiB … 1 GiB) whose half holds `bytesPerSecond × rtt`. */
export function termLengthFor(bytesPerSecond: number, rttMs: number): number {
  void bytesPerSecond;
  void rttMs;
  return MIN_TERM; // TODO: big enough for the window
}
