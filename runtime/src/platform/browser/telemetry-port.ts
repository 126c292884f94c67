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

const ADDRESS = /^steady-telemetry:(\d+)(\/[^?#]*)?/;

/**
 * Answers `fetch('steady-telemetry:<n>/graph.dot')` (and `/metrics`, …) from the graph's routes,
 * as the telemetry server answers `http://127.0.0.1:9900/graph.dot` on Node: code that reads its
 * own telemetry (a test checking a channel's colour) runs unchanged in the page. Returns undefined
 * for any other URL.
 */
export async function fetchTelemetry(url: string): Promise<Response | undefined> {
  const match = ADDRESS.exec(url);
  if (!match) return undefined;
  const server = served.find((s) => s.id === Number(match[1]));
  const resource = server?.routes[match[2] ?? '/'];
  if (!resource)
    return new Response('not found\n', { status: 404, headers: { 'Content-Type': 'text/plain' } });
  const content = await resource.content();
  return new Response(typeof content === 'string' ? content : new Uint8Array(content), {
    status: 200,
    headers: { 'Content-Type': resource.contentType, 'Cache-Control': resource.cacheControl ?? 'no-store' },
  });
}

let fetchWrapped = false;

/** Lets this worker's `fetch` reach its telemetry by the address the runtime logs. */
export function routeTelemetryFetches(): void {
  if (fetchWrapped || typeof globalThis.fetch !== 'function') return;
  fetchWrapped = true;
  const original = globalThis.fetch.bind(globalThis);
  globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    return (await fetchTelemetry(url)) ?? original(input, init);
  }) as typeof fetch;
}
