/**
 * Telemetry: a collector sampling the shared counters of channels and actors, and an
 * HTTP server with the live dashboard (`/`, drawing with `/viz.js`), `/graph.dot` and `/metrics`.
 */
import { createLogger } from '../log/logger.ts';
import { DASHBOARD_PAGE, VIZ_MODULE } from './assets.ts';
import { Collector } from './collector.ts';
import { toDot } from './dot.ts';
import { type Routes, type RunningServer, serve } from './server.ts';
import type { TelemetrySource } from './source.ts';

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

async function telemetryRoutes(collector: Collector): Promise<Routes> {
  // Loaded when a server starts, not with the graph: prom-client is the heaviest module the runtime
  // imports, and most graphs (every test graph) never serve metrics.
  const { createExposition } = await import('./prometheus.ts');
  const metrics = createExposition(collector);
  return {
    '/': DASHBOARD_PAGE,
    '/index.html': DASHBOARD_PAGE,
    // An hour of caching: the module (1.2 MB) changes only with the installed package.
    '/viz.js': { ...VIZ_MODULE, cacheControl: 'max-age=3600' },
    '/graph.dot': { contentType: 'text/vnd.graphviz; charset=utf-8', content: () => toDot(collector) },
    '/metrics': { contentType: metrics.contentType, content: () => metrics.text() },
  };
}

export function startTelemetry(source: TelemetrySource, settings: TelemetrySettings): TelemetryHandle {
  const ip = process.env.TELEMETRY_SERVER_IP || settings.ip;
  const envPort = Number(process.env.TELEMETRY_SERVER_PORT);
  const port = process.env.TELEMETRY_SERVER_PORT && Number.isInteger(envPort) ? envPort : settings.port;
  const collector = new Collector(source, Math.max(100, settings.frameMs));
  collector.sample();
  const timer = setInterval(() => collector.sample(), collector.frameMs);
  timer.unref();
  const running: Promise<RunningServer> = telemetryRoutes(collector).then((routes) =>
    serve(routes, ip, port),
  );
  running.catch((e) => createLogger('telemetry').warn(`telemetry server not started: ${String(e)}`));
  return {
    address: running.then((s) => s.address),
    stop: async () => {
      clearInterval(timer);
      collector.sample();
      const s = await running.catch(() => undefined);
      await s?.close();
    },
  };
}
