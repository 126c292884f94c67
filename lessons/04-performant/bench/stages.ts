/**
 * The worker-thread side of the postMessage baselines (what a Node user would write without
 * shared rings): a map stage and a count stage, fed batch by batch (transferred buffers) or
 * message by message.
 */
import { type MessagePort, parentPort } from 'node:worker_threads';
import { benchWorkerData } from '@steady/runtime/bench';
import { fizzBuzzCode, mapInPlace } from '../src/fizzbuzz.ts';
import { type Batch, type Counts, countInto } from './batch-work.ts';

export interface StageData {
  readonly role: 'map' | 'count';
  readonly mode: 'batched' | 'per-message';
}

const END = 'end';

function mapStage(mode: StageData['mode'], input: MessagePort, output: MessagePort): void {
  input.on('message', (message: Batch | number | typeof END) => {
    if (message === END) output.postMessage(END);
    else if (mode === 'per-message') output.postMessage(fizzBuzzCode(message as number));
    else {
      const batch = message as Batch;
      mapInPlace(new Int32Array(batch.buffer), batch.length);
      output.postMessage(batch, [batch.buffer]); // transferred: ownership moves, no copy
    }
  });
}

function countStage(mode: StageData['mode'], input: MessagePort, toMain: MessagePort): void {
  const counts: Counts = { fizz: 0, buzz: 0, fizzBuzz: 0, values: 0 };
  const one = new Int32Array(1);
  input.on('message', (message: Batch | number | typeof END) => {
    if (message === END) {
      toMain.postMessage({ counts });
      input.close();
    } else if (mode === 'per-message') {
      one[0] = message as number;
      countInto(counts, one, 1);
    } else {
      const batch = message as Batch;
      countInto(counts, new Int32Array(batch.buffer), batch.length);
      toMain.postMessage(batch, [batch.buffer]); // back to the generator for reuse
    }
  });
}

const stage = benchWorkerData<StageData>();
if (parentPort && stage) {
  const { role, mode } = stage;
  const main = parentPort;
  main.once('message', ({ port }: { port: MessagePort }) => {
    if (role === 'map') mapStage(mode, main as unknown as MessagePort, port);
    else countStage(mode, port, main as unknown as MessagePort);
    main.postMessage('ready');
  });
}
