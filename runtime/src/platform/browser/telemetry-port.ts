/**
 * Telemetry in a browser: no server. The routes the runtime would serve over HTTP are kept
 * here, and the host reads the live DOT and Prometheus text through `telemetrySnapshot()`
 * (the program worker posts them to the page, which shows them in its telemetry panel).
 */
import type { Routes, RunningServer } from '../types.ts';

const served: { readonly id: number; readonly routes: Routes }[] = [];
let lastId = 0;

export function serveInBrowser(routes: Routes): Promise<RunningServer> {
  const id = ++lastId;
  served.push({ id, routes });
  return Promise.resolve({
    address: `steady-telemetry:${id}`,
    close: async () => {
      const at = served.findIndex((s) => s.id === id);
      if (at >= 0) served.splice(at, 1);
    },
  });
}

export interface TelemetrySnapshot {
  /** The graph as Graphviz DOT, with the live figures on its nodes and edges. */
  readonly dot: string;
  /** The Prometheus text exposition (what `/metrics` serves on Node). */
  readonly metrics: string;
}

async function text(routes: Routes, path: string): Promise<string> {
  const resource = routes[path];
  if (!resource) return '';
  const content = await resource.content();
  return typeof content === 'string' ? content : new TextDecoder().decode(content);
}

/** The figures of the most recently started graph with telemetry on, or undefined if none runs. */
export async function telemetrySnapshot(): Promise<TelemetrySnapshot | undefined> {
  const latest = served.at(-1);
  if (!latest) return undefined;
  return { dot: await text(latest.routes, '/graph.dot'), metrics: await text(latest.routes, '/metrics') };
}
