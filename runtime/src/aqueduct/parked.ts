/**
 * Transports an aqueduct keeps across its restarts. In the original the Aeron media driver, a
 * process of its own, holds publications and images, so an aqueduct that fails and restarts finds
 * them as they were. Here Aeron lives in the aqueduct's thread: a failing life parks its transport
 * and the next life on that thread takes it back — the same session, the same image positions —
 * so a restart neither loses nor repeats a message. (A dead thread takes its transport with it.)
 */
const parked = new Map<string, unknown>();

/** The transport a failed life of the aqueduct `key` parked, or a new one from `open`. */
export async function resume<T>(key: string, open: () => Promise<T>): Promise<T> {
  const transport = parked.get(key) as T | undefined;
  if (transport === undefined) return open();
  parked.delete(key);
  return transport;
}

/** Keeps `transport` for the next life of the aqueduct `key`. */
export function park(key: string, transport: unknown): void {
  parked.set(key, transport);
}

/** One key per aqueduct: its direction, channel and first stream id. */
export function transportKey(
  direction: 'publish' | 'subscribe',
  channel: string,
  streamIdBase: number,
): string {
  return `${direction} ${channel} ${streamIdBase}`;
}
