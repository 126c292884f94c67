/**
 * Starts a worker thread that hosts actors. Actor modules may be TypeScript: the
 * worker registers the tsx loader before importing anything (a `.ts` entry with
 * `--import tsx` in execArgv does not work in a worker on Node 20; this does).
 */
import { Worker } from 'node:worker_threads';
import type { ThreadPlan } from './thread-plan.ts';

const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
(async () => {
  if (workerData.tsxApi) (await import(workerData.tsxApi)).register();
  await import(workerData.hostUrl);
})().catch((error) => { console.error(error); process.exit(70); });
`;

let tsxApi: string | undefined | null = null;

function resolveTsx(): string | undefined {
  if (tsxApi === null) {
    try {
      tsxApi = import.meta.resolve('tsx/esm/api');
    } catch {
      tsxApi = undefined; // compiled JavaScript needs no loader
    }
  }
  return tsxApi;
}

export function spawnHostThread(plan: ThreadPlan, name: string): Worker {
  const hostUrl = new URL(`./worker-host${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url)
    .href;
  return new Worker(BOOTSTRAP, {
    eval: true,
    name,
    workerData: { tsxApi: resolveTsx(), hostUrl, plan },
  });
}
