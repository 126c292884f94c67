/** Runs the `MessagePort.postMessage` baseline (see `postmessage-worker.ts`) and reads its trials. */
import { MessageChannel, type Worker } from 'node:worker_threads';
import { startBenchWorker } from '../../src/bench/index.ts';
import type { PostMessageWorkerData } from './postmessage-worker.ts';
import { type Row, rowFromTrials } from './rows.ts';
import { newTrialBlock, readTrials } from './trials.ts';

const WORKER = new URL('./postmessage-worker.ts', import.meta.url);

export interface PostMessageParams {
  readonly total: number;
  readonly trials: number;
  readonly chunk: number;
  /** The channel variants' ring size: the producer's buffers hold as many numbers in all. */
  readonly ring: number;
}

/** Resolves when the worker exits; rejects if it fails (an exception in its code fails the row). */
function exited(worker: Worker): Promise<number> {
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', resolve);
  });
}

export async function runPostMessage(
  variant: string,
  p: PostMessageParams,
  expected: number,
  timeoutMs: number,
): Promise<Row> {
  const { port1, port2 } = new MessageChannel();
  const block = newTrialBlock();
  const common = {
    total: p.total,
    trials: p.trials,
    chunk: p.chunk,
    // One number a message posts no buffers: a pool for it (a million one-number arrays) took a second.
    pool: p.chunk === 1 ? 0 : Math.max(1, p.ring / p.chunk),
    results: block.results,
    sync: block.sync,
  };
  const [consumer, producer] = await Promise.all([
    startBenchWorker<PostMessageWorkerData>(WORKER, { ...common, role: 'consumer', port: port2 }, [port2]),
    startBenchWorker<PostMessageWorkerData>(WORKER, { ...common, role: 'producer', port: port1 }, [port1]),
  ]);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<'timed out'>((resolve) => {
    timer = setTimeout(() => resolve('timed out'), timeoutMs);
  });
  let note: string | undefined;
  try {
    const outcome = await Promise.race([Promise.all([exited(consumer), exited(producer)]), timedOut]);
    if (outcome === 'timed out') note = 'timed out';
  } catch (error) {
    note = `failed: ${(error as Error).message}`;
    console.error(`${variant}:`, error);
  } finally {
    clearTimeout(timer);
    await Promise.all([consumer.terminate(), producer.terminate()]);
  }
  const trials = readTrials(block, p.trials, p.total, expected);
  return rowFromTrials(variant, p.total, trials.seconds, trials.verified && !note, note);
}
