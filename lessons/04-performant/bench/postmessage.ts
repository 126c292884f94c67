/**
 * Baselines 4 and 5: the same three stages over worker_threads with postMessage, as a Node
 * user would write them: batches in transferred ArrayBuffers (recycled, a few in flight), or
 * one message per value.
 */
import { MessageChannel, type Worker } from 'node:worker_threads';
import { startBenchWorker } from '@steady/runtime/bench';
import { type Batch, type Counts, fillBatch } from './batch-work.ts';
import type { StageData } from './stages.ts';

export interface PipelineRun {
  readonly messages: number;
  readonly seconds: number;
  readonly counts: Counts;
  /** Resident memory once the stages run, and its peak until the end. */
  readonly rssInRun: { first: number; peak: number };
}

/** A stage thread runs `stages.ts`, a typed module like the rest of the bench. */
function startStage(data: StageData): Promise<Worker> {
  return startBenchWorker(new URL('./stages.ts', import.meta.url), data);
}

/** Rejects if a stage thread fails or exits before the run is over, so a broken run cannot hang the bench. */
function failureOf(...workers: Worker[]): Promise<never> {
  return new Promise((_, reject) => {
    for (const w of workers) {
      w.once('error', reject);
      w.once('exit', (code) => reject(new Error(`a stage thread exited early (code ${code})`)));
    }
  });
}

/** Starts the map and count stages, wired map → count, and waits until both are ready. */
async function startStages(mode: StageData['mode']): Promise<{ map: Worker; count: Worker }> {
  const [map, count] = await Promise.all([
    startStage({ role: 'map', mode }),
    startStage({ role: 'count', mode }),
  ]);
  const { port1, port2 } = new MessageChannel();
  const ready = (w: Worker) =>
    new Promise<void>((resolve, reject) => {
      w.once('message', () => resolve());
      w.once('error', reject);
    });
  const both = Promise.all([ready(map), ready(count)]);
  map.postMessage({ port: port1 }, [port1]);
  count.postMessage({ port: port2 }, [port2]);
  await both;
  return { map, count };
}

/** Batches of `batchLength` Int32 values in `inFlight` transferred buffers, recycled by the count stage. */
export async function batchedPostMessage(
  messages: number,
  batchLength = 65_536,
  inFlight = 8,
): Promise<PipelineRun> {
  const { map, count } = await startStages('batched');
  try {
    const started = performance.now();
    const rssInRun = { first: process.memoryUsage.rss(), peak: 0 };
    let batches = 0;
    let generated = 0;
    let next = 0;
    const send = (buffer: ArrayBuffer) => {
      const length = Math.min(batchLength, messages - generated);
      if (length <= 0) return false;
      next = fillBatch(new Int32Array(buffer), length, next);
      generated += length;
      const batch: Batch = { buffer, length };
      map.postMessage(batch, [buffer]);
      if (generated === messages) map.postMessage('end');
      if (++batches % 64 === 0) rssInRun.peak = Math.max(rssInRun.peak, process.memoryUsage.rss());
      return true;
    };
    const counts = await Promise.race([
      failureOf(map, count),
      new Promise<Counts>((resolve) => {
        count.on('message', (message: Batch | { counts: Counts }) => {
          if ('counts' in message) resolve(message.counts);
          else send(message.buffer);
        });
        for (let i = 0; i < inFlight; i++) if (!send(new ArrayBuffer(batchLength * 4))) break;
      }),
    ]);
    rssInRun.peak = Math.max(rssInRun.peak, rssInRun.first, process.memoryUsage.rss());
    return { messages, seconds: (performance.now() - started) / 1000, counts, rssInRun };
  } finally {
    await Promise.all([map.terminate(), count.terminate()]);
  }
}

/** One postMessage per value, per stage: the structured clone and the queue per message. */
export async function perMessagePostMessage(messages: number): Promise<PipelineRun> {
  const { map, count } = await startStages('per-message');
  try {
    const started = performance.now();
    const rssInRun = { first: process.memoryUsage.rss(), peak: 0 };
    const counts = new Promise<Counts>((resolve) => {
      count.on('message', (message: { counts: Counts }) => resolve(message.counts));
    });
    for (let i = 0; i < messages; i++) map.postMessage(i);
    map.postMessage('end');
    rssInRun.peak = process.memoryUsage.rss(); // every message is queued by now
    const result = await Promise.race([failureOf(map, count), counts]);
    rssInRun.peak = Math.max(rssInRun.peak, process.memoryUsage.rss());
    return { messages, seconds: (performance.now() - started) / 1000, counts: result, rssInRun };
  } finally {
    await Promise.all([map.terminate(), count.terminate()]);
  }
}
