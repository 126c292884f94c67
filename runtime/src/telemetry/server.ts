/**
 * Where telemetry can be read: serves a table of paths and knows nothing of telemetry. On
 * Node an HTTP server (GET/HEAD; if the port is taken, the next ones are tried); in a browser
 * a registry the host reads (`telemetrySnapshot()` of the browser host), no server.
 */
import { platform } from '#platform';
import { createLogger } from '../log/logger.ts';
import type { Routes, RunningServer } from '../platform/types.ts';

export type { Resource, Routes, RunningServer } from '../platform/types.ts';

export function serve(routes: Routes, ip: string, port: number): Promise<RunningServer> {
  return platform.serveTelemetry(routes, ip, port, createLogger('telemetry'));
}
