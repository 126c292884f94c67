/**
 * Actor threads on Node: `worker_threads`. Actor modules may be TypeScript: the thread
 * registers the tsx loader before importing anything (a `.ts` entry with `--import tsx` in
 * execArgv does not work in a worker on Node 20; this does). The plan travels as workerData.
 */
import { parentPort as nodeParentPort, Worker, workerData } from 'node:worker_threads';
import type { MessagePortLike, SpawnedThread } from '../types.ts';

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

/** The entry of every actor thread, next to the graph code, as TypeScript or compiled. */
function workerHostUrl(): string {
  const extension = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`../../graph/worker-host${extension}`, import.meta.url).href;
}

export function spawnNodeThread(plan: unknown, name: string): SpawnedThread {
  const worker = new Worker(BOOTSTRAP, {
    eval: true,
    name,
    workerData: { tsxApi: resolveTsx(), hostUrl: workerHostUrl(), plan },
  });
  return {
    threadId: worker.threadId,
    post: (message) => worker.postMessage(message),
    onMessage(listener) {
      worker.on('message', listener);
      return () => worker.off('message', listener);
    },
    onError: (listener) => worker.on('error', listener),
    onExit: (listener) => worker.on('exit', listener),
    terminate: async () => {
      await worker.terminate();
    },
  };
}

export const nodeParent: MessagePortLike | undefined = nodeParentPort
  ? {
      post: (message) => nodeParentPort?.postMessage(message),
      onMessage(listener) {
        nodeParentPort?.on('message', listener);
        return () => nodeParentPort?.off('message', listener);
      },
    }
  : undefined;

export function nodeThreadPlan(): Promise<unknown> {
  return Promise.resolve((workerData as { plan: unknown }).plan);
}
