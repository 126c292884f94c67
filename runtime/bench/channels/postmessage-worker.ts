/**
 * The baseline a Node user would write without the runtime: two plain worker threads joined by
 * a MessageChannel. Started by `postmessage.ts` through `startBenchWorker`; this module is the
 * code of both threads (`role` says which), typed and linted like any other.
 */
import type { MessagePort } from 'node:worker_threads';
import { benchWorkerData } from '../../src/bench/index.ts';
import { mixFizzBuzz } from './checksum.ts';
import { markTrialEnd, markTrialStart, SYNC_READY, SYNC_TRIALS, type TrialBlock } from './trials.ts';

export interface PostMessageWorkerData {
  readonly role: 'producer' | 'consumer';
  readonly port: MessagePort;
  readonly total: number;
  readonly trials: number;
  /** Numbers per posted buffer; 1: one `postMessage(number)` per number. */
  readonly chunk: number;
  /** Buffers the producer may have in flight (returned by the consumer for reuse); 0 per item. */
  readonly pool: number;
  readonly results: Float64Array;
  readonly sync: Int32Array;
}

/** Resolves once `sync[index]` has reached `value`, without blocking this thread's event loop. */
async function waitFor(sync: Int32Array, index: number, value: number): Promise<void> {
  for (let seen = Atomics.load(sync, index); seen < value; seen = Atomics.load(sync, index)) {
    const wait = Atomics.waitAsync(sync, index, seen);
    if (wait.async) await wait.value;
  }
}

/** Waits for the consumer's start signal, then per trial posts 0..total-1 (buffers recycled). */
async function produce(data: PostMessageWorkerData): Promise<void> {
  const { port, total, trials, chunk, sync } = data;
  const block: TrialBlock = { results: data.results, sync };
  const free: Int32Array<ArrayBuffer>[] = [];
  for (let i = 0; i < data.pool; i++) free.push(new Int32Array(chunk));
  let bufferReturned: (() => void) | undefined;
  port.on('message', (returned: Int32Array<ArrayBuffer>) => {
    free.push(new Int32Array(returned.buffer));
    bufferReturned?.();
    bufferReturned = undefined;
  });
  await waitFor(sync, SYNC_READY, 1);
  for (let trial = 0; trial < trials; trial++) {
    await waitFor(sync, SYNC_TRIALS, trial); // the previous trial fully taken
    markTrialStart(block, trial);
    if (chunk === 1) {
      for (let v = 0; v < total; v++) port.postMessage(v);
      continue;
    }
    for (let next = 0; next < total; ) {
      const buffer = free.pop();
      if (!buffer) {
        await new Promise<void>((resolve) => {
          bufferReturned = resolve;
        });
        continue;
      }
      const n = Math.min(chunk, total - next);
      for (let i = 0; i < n; i++) buffer[i] = next + i;
      port.postMessage(n === chunk ? buffer : buffer.subarray(0, n), [buffer.buffer]);
      next += n;
    }
  }
  await waitFor(sync, SYNC_TRIALS, trials);
  port.close();
}

/** Maps and checksums every number; sends each buffer back for reuse; ends each trial at `total`. */
function consume(data: PostMessageWorkerData): void {
  const { port, total, trials, sync } = data;
  const block: TrialBlock = { results: data.results, sync };
  let trial = 0;
  let count = 0;
  let h = 0;
  const finishIfDone = () => {
    if (count !== total) return;
    markTrialEnd(block, trial, count, h);
    count = 0;
    h = 0;
    if (++trial === trials) port.close();
  };
  port.on('message', (message: number | Int32Array<ArrayBuffer>) => {
    if (typeof message === 'number') {
      h = mixFizzBuzz(h, message);
      count++;
    } else {
      for (let i = 0, n = message.length; i < n; i++) h = mixFizzBuzz(h, message[i] as number);
      count += message.length;
      port.postMessage(message, [message.buffer]);
    }
    finishIfDone();
  });
  Atomics.store(sync, SYNC_READY, 1);
  Atomics.notify(sync, SYNC_READY);
}

const data = benchWorkerData<PostMessageWorkerData>();
if (data?.role === 'producer') await produce(data);
else if (data?.role === 'consumer') consume(data);
