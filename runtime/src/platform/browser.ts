/**
 * The runtime in a browser (cross-origin isolated, in a worker or a page): module Web Workers
 * for actor threads, actor modules imported by URL (already JavaScript, served to the page),
 * log lines written to the host's output sink, telemetry read by the host instead of served.
 * Chosen by the `browser` condition of `#platform` (package.json); the browser build bundles it.
 */
import { formatLogLine } from './browser/log-line.ts';
import { process } from './browser/process.ts';
import { serveInBrowser } from './browser/telemetry-port.ts';
import {
  browserParent,
  browserThreadId,
  browserThreadPlan,
  endBrowserThread,
  isActorThread,
  spawnBrowserThread,
} from './browser/threads.ts';
import type { Platform, PrintableRecord } from './types.ts';

export const platform: Platform = {
  name: 'browser',
  isMainThread: !isActorThread,
  // A getter: a thread started ahead of its plan learns its id with the plan (threads.ts).
  get threadId() {
    return browserThreadId;
  },
  parentPort: browserParent,
  prepareActorThreads() {
    // Nothing to compile ahead: the Service Worker compiles each module as a thread imports it.
  },
  spawnActorThread: spawnBrowserThread,
  threadPlan: browserThreadPlan,
  endActorThread: endBrowserThread,
  importModule: (url) => import(/* @vite-ignore */ url) as Promise<Record<string, unknown>>,
  env: (name) => process.env[name],
  printLogRecord(record: PrintableRecord) {
    process.stdout.write(`${formatLogLine(record, process.stdout.isTTY)}\n`);
  },
  serveTelemetry: (routes) => serveInBrowser(routes),
  readPackageFile: () =>
    Promise.reject(
      new Error(
        'the dashboard files are served by the Node runtime only; a browser host shows telemetry itself',
      ),
    ),
  // No Ctrl-C in a page: its Stop asks the running graphs to shut down through the host (host.ts).
  onInterrupt: () => () => {},
};
