/**
 * Telemetry: a collector sampling the shared counters of channels and actors, and an
 * HTTP server with the live dashboard, `/graph.dot` and `/metrics`.
 *
 * (Being built: this door fixes the contract with the graph.)
 */
import type { Graph } from '../graph/graph.ts';

export interface TelemetrySettings {
  /** Address the server binds (loopback by default; TELEMETRY_SERVER_IP overrides). */
  readonly ip: string;
  /** Port (TELEMETRY_SERVER_PORT overrides); 0 picks a free one. If taken, the next ones are tried. */
  readonly port: number;
  /** How often the collector samples, in ms (minimum 100). */
  readonly frameMs: number;
}

export const DEFAULT_TELEMETRY_SETTINGS: TelemetrySettings = { ip: '127.0.0.1', port: 9900, frameMs: 100 };

export interface TelemetryHandle {
  /** Resolves with the server's address once it listens, e.g. `http://127.0.0.1:9900`. */
  readonly address: Promise<string>;
  /** Takes a last sample and closes the server. */
  stop(): Promise<void>;
}

export function startTelemetry(_graph: Graph<unknown>, _settings: TelemetrySettings): TelemetryHandle {
  // Placeholder until the collector and server land (issue: telemetry); nothing is served yet.
  return { address: Promise.resolve('(telemetry not available yet)'), stop: async () => {} };
}
