/**
 * Plain worker threads for benchmark baselines (what a Node user would write without the
 * runtime), whose code is a real TypeScript module: typed, linted, importing what it needs.
 * The module is compiled to JavaScript first, as the runtime does for its own threads
 * (../platform/node/thread-code.ts); when it cannot be, the worker loads it through tsx.
 */
import { type Transferable, type Worker, workerData } from 'node:worker_threads';
import { threadCode } from '../platform/node/thread-code.ts';
import { startModuleWorker } from '../platform/node/threads.ts';

/**
 * Starts a worker thread running the module at `moduleUrl`; the module reads `data` with
 * `benchWorkerData()`. `transferList` moves ports or buffers found in `data`.
 */
export async function startBenchWorker<T>(
  moduleUrl: URL | string,
  data: T,
  transferList: Transferable[] = [],
): Promise<Worker> {
  const source = String(moduleUrl);
  const compiled = (await threadCode(source, []))?.hostUrl;
  return startModuleWorker(compiled ?? source, compiled !== undefined, { data }, { transferList });
}

/** Inside a module started by `startBenchWorker`: the data it was given; undefined on any other thread. */
export function benchWorkerData<T>(): T | undefined {
  return (workerData as { data?: T } | null)?.data;
}
