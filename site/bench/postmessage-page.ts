/**
 * Lesson 04's work with batched postMessage, run inside the bench's page (bundled and injected
 * by `postmessage.ts`): the page generates the values, a map worker and a count worker (both
 * `postmessage-stage.ts`) do the rest, batches travel in transferred ArrayBuffers, a few in
 * flight and recycled. The same idea as the lesson's `bench/postmessage.ts` under Node, here
 * between two workers of the same page the browser engine uses.
 */
import { type Batch, type Counts, fillBatch } from '../../lessons/04-performant/bench/batch-work.ts';
import { END, type StageRole } from './postmessage-protocol.ts';

export interface PageRun {
  readonly messages: number;
  readonly seconds: number;
  readonly counts: Counts;
}

function startStage(url: string, role: StageRole): Worker {
  return new Worker(url, { name: role });
}

function ready(worker: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    worker.addEventListener('message', () => resolve(), { once: true });
    worker.addEventListener('error', (event) => reject(new Error(event.message || 'a stage failed to load')));
  });
}

/** Moves `messages` values through map → count in batches of `batchLength`, `inFlight` buffers at once. */
export async function batchedPostMessage(
  stageUrl: string,
  messages: number,
  batchLength = 65_536,
  inFlight = 8,
): Promise<PageRun> {
  const map = startStage(stageUrl, 'map');
  const count = startStage(stageUrl, 'count');
  try {
    const channel = new MessageChannel();
    const both = Promise.all([ready(map), ready(count)]);
    map.postMessage({ port: channel.port1 }, [channel.port1]);
    count.postMessage({ port: channel.port2 }, [channel.port2]);
    await both;
    const started = performance.now();
    let generated = 0;
    let next = 0;
    const send = (buffer: ArrayBuffer) => {
      const length = Math.min(batchLength, messages - generated);
      if (length <= 0) return;
      next = fillBatch(new Int32Array(buffer), length, next);
      generated += length;
      const batch: Batch = { buffer, length };
      map.postMessage(batch, [buffer]);
      if (generated === messages) map.postMessage(END);
    };
    const counts = await new Promise<Counts>((resolve, reject) => {
      for (const worker of [map, count])
        worker.addEventListener('error', (event) => reject(new Error(event.message || 'a stage failed')));
      count.addEventListener('message', (event: MessageEvent<Batch | { counts: Counts }>) => {
        const message = event.data;
        if ('counts' in message) resolve(message.counts);
        else send(message.buffer);
      });
      for (let i = 0; i < inFlight && generated < messages; i++) send(new ArrayBuffer(batchLength * 4));
    });
    return { messages, seconds: (performance.now() - started) / 1000, counts };
  } finally {
    map.terminate();
    count.terminate();
  }
}
