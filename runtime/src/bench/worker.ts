/**
 * Plain worker threads for benchmark baselines (what a Node user would write without the
 * runtime), whose code is a real TypeScript module: typed, linted, importing what it needs.
 * The module is compiled to JavaScript first, as the runtime does for its own threads
 * (../platform/node/thread-code.ts); when it cannot be, the worker registers the tsx loader
 * before importing it (a `.ts` entry with `--import tsx` in execArgv does not load in a worker
 * on Node 20).
 */
import { type Transferable, Worker, workerData } from 'node:worker_threads';
import { threadCode } from '../platform/node/thread-code.ts';

const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
(async () => {
  if (workerData.tsxApi) (await import(workerData.tsxApi)).register();
  else process.setSourceMapsEnabled(true);
  await import(workerData.moduleUrl);
})().catch((error) => { console.error(error); process.exit(70); });
`;

function tsxApi(): string | undefined {
  try {
    return import.meta.resolve('tsx/esm/api');
  } catch {
    return undefined; // compiled JavaScript needs no loader
  }
}

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
  return new Worker(BOOTSTRAP, {
    eval: true,
    workerData: { tsxApi: compiled ? undefined : tsxApi(), moduleUrl: compiled ?? source, data },
    transferList,
  });
}

/** Inside a module started by `startBenchWorker`: the data it was given; undefined on any other thread. */
export function benchWorkerData<T>(): T | undefined {
  return (workerData as { data?: T } | null)?.data;
}
