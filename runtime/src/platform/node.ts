/**
 * The runtime on Node: `worker_threads` running actor modules compiled as a graph starts, pino
 * for log lines, an HTTP server for telemetry. Chosen by the `default` condition of `#platform`
 * (package.json).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { isatty } from 'node:tty';
import { fileURLToPath } from 'node:url';
import { isMainThread, threadId } from 'node:worker_threads';
import type pino from 'pino';
import type pretty from 'pino-pretty';
import { serveHttp } from './node/http-server.ts';
import {
  importOnThread,
  nodeParent,
  nodeThreadPlan,
  prepareNodeThreads,
  spawnNodeThread,
} from './node/threads.ts';
import type { Platform, PrintableRecord } from './types.ts';

let writer: pino.Logger | undefined;

function printer(): pino.Logger {
  if (writer) return writer;
  // Loaded at the first line printed, not with the runtime: a graph whose logs are captured (every
  // test) never prints, and pino with its pretty-printer is a fifth of the runtime's import time.
  const require = createRequire(import.meta.url);
  const createPino = require('pino') as typeof pino;
  const prettyStream = require('pino-pretty') as typeof pretty;
  writer = createPino(
    { level: 'trace', base: undefined, timestamp: false },
    prettyStream({
      sync: true,
      colorize: process.stdout.isTTY === true,
      translateTime: 'HH:MM:ss.l',
      ignore: 'pid,hostname',
    }),
  );
  return writer;
}

export const platform: Platform = {
  name: 'node',
  isMainThread,
  threadId,
  parentPort: nodeParent,
  prepareActorThreads: prepareNodeThreads,
  spawnActorThread: spawnNodeThread,
  threadPlan: nodeThreadPlan,
  endActorThread() {
    // Nothing to do: the thread ends once its event loop is empty.
  },
  importModule: importOnThread,
  env: (name) => process.env[name],
  printLogRecord(record: PrintableRecord) {
    printer()[record.level]({ name: record.source, time: record.time }, record.message);
  },
  serveTelemetry: (routes, ip, port, log) => serveHttp(routes, ip, port, log),
  async readPackageFile(locate) {
    return readFile(fileURLToPath(locate()));
  },
  onInterrupt(handler) {
    const listener = () =>
      handler({ handledElsewhere: process.listenerCount('SIGINT') > 1, fromTerminal: isatty(0) });
    process.on('SIGINT', listener);
    return () => process.off('SIGINT', listener);
  },
};
