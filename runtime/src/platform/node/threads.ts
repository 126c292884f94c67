/**
 * Actor threads on Node: `worker_threads`. A thread imports the JavaScript the main thread
 * compiled for it (thread-code.ts); when none could be built, it registers the tsx loader before
 * importing anything (a `.ts` entry with `--import tsx` in execArgv does not work in a worker on
 * Node 20; this does). The plan travels as workerData.
 */
import { parentPort as nodeParentPort, type Transferable, Worker, workerData } from 'node:worker_threads';
import type { MessagePortLike, SpawnedThread } from '../types.ts';
import { type ThreadCode, threadCode } from './thread-code.ts';

/** What every worker runs first: the tsx loader when its entry is TypeScript, then the entry. */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
(async () => {
  if (workerData.tsxApi) (await import(workerData.tsxApi)).register();
  else process.setSourceMapsEnabled(true);
  await import(workerData.entryUrl);
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

/**
 * A worker thread running the module at `entryUrl`: compiled JavaScript (`compiled`), else a
 * source it loads through tsx. `data` joins its workerData.
 */
export function startModuleWorker(
  entryUrl: string,
  compiled: boolean,
  data: Record<string, unknown>,
  options: { name?: string; transferList?: readonly Transferable[] } = {},
): Worker {
  return new Worker(BOOTSTRAP, {
    eval: true,
    name: options.name,
    workerData: { ...data, entryUrl, tsxApi: compiled ? undefined : resolveTsx() },
    transferList: options.transferList ? [...options.transferList] : undefined,
  });
}

/** The entry of every actor thread, next to the graph code, as TypeScript or compiled. */
function workerHostUrl(): string {
  const extension = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`../../graph/worker-host${extension}`, import.meta.url).href;
}

/** Actor module URL → the code last prepared for a graph with that module. */
const prepared = new Map<string, Promise<ThreadCode | undefined>>();

/** Compiles the code of a graph's threads, once, as the graph starts: the threads wait for it. */
export function prepareNodeThreads(moduleUrls: readonly string[]): void {
  const hostUrl = workerHostUrl();
  if (!hostUrl.endsWith('.ts')) return; // the runtime runs compiled: so do its threads
  const code = threadCode(hostUrl, moduleUrls);
  for (const url of moduleUrls) prepared.set(url, code);
}

/** A new actor thread: on the compiled code when it covers the thread's modules, else on the sources. */
function startActorThread(
  code: ThreadCode | undefined,
  moduleUrls: readonly string[],
  plan: unknown,
  name: string,
) {
  if (code && moduleUrls.every((url) => url in code.modules))
    return startModuleWorker(code.hostUrl, true, { modules: code.modules, plan }, { name });
  return startModuleWorker(workerHostUrl(), false, { modules: {}, plan }, { name });
}

/**
 * Starts the thread once its code is ready (at once when the graph's build is done; its first
 * start waits for the build). Messages and listeners given before then are passed on to it.
 */
export function spawnNodeThread(plan: unknown, name: string, moduleUrls: readonly string[]): SpawnedThread {
  let worker: Worker | undefined;
  let killed = false;
  const pending: ((worker: Worker) => void)[] = [];
  const exitListeners: ((code: number) => void)[] = [];
  const withWorker = (use: (worker: Worker) => void) => (worker ? use(worker) : pending.push(use));
  const code = moduleUrls[0] === undefined ? undefined : prepared.get(moduleUrls[0]);
  const started = (code ?? Promise.resolve(undefined)).then((compiled) => {
    if (killed) {
      for (const listener of exitListeners) listener(1); // as a worker killed at its start would
      return;
    }
    worker = startActorThread(compiled, moduleUrls, plan, name);
    for (const use of pending.splice(0)) use(worker);
  });
  return {
    post: (message) => withWorker((w) => w.postMessage(message)),
    onMessage(listener) {
      let subscribed = true;
      withWorker((w) => subscribed && w.on('message', listener));
      return () => {
        subscribed = false;
        worker?.off('message', listener);
      };
    },
    onError: (listener) => withWorker((w) => w.on('error', listener)),
    onExit(listener) {
      exitListeners.push(listener);
      withWorker((w) => w.on('exit', listener));
    },
    terminate: async () => {
      killed = true;
      await started;
      await worker?.terminate();
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

/** On an actor thread: its actor module at `url`, as compiled for the thread when it was. */
export function importOnThread(url: string): Promise<Record<string, unknown>> {
  const compiled = (workerData as { modules?: Record<string, string> } | null)?.modules?.[url];
  return import(compiled ?? url) as Promise<Record<string, unknown>>;
}
