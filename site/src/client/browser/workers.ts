/**
 * Every worker the browser engine starts, in one registry: Stop and page exit terminate them, and
 * tests and curious learners can count them (`steadyPlayground.workers()`). Threads the runtime
 * starts inside these workers end with them.
 */
const live = new Set<Worker>();

export function startWorker(url: string, name: string): Worker {
  const worker = new Worker(url, { type: 'module', name });
  live.add(worker);
  return worker;
}

export function endWorker(worker: Worker): void {
  worker.terminate();
  live.delete(worker);
}

export function liveWorkers(): number {
  return live.size;
}
