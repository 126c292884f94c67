/**
 * One stage of lesson 04's work over plain postMessage, in a Web Worker of the bench page: what a
 * learner would write without shared rings. The map stage turns each transferred batch of values
 * into FizzBuzz codes (the lesson's own loop) and passes it on; the count stage counts the codes
 * and hands the buffer back to the page for reuse. The worker's name says its role; its first
 * message is the port to (map) or from (count) the other stage.
 */
/// <reference lib="webworker" />
import { type Counts, countInto } from '../../lessons/04-performant/bench/batch-work.ts';
import { mapInPlace } from '../../lessons/04-performant/src/fizzbuzz.ts';
import { END, type StageMessage, type StageRole } from './postmessage-protocol.ts';

declare const self: DedicatedWorkerGlobalScope;

function mapStage(output: MessagePort): void {
  self.onmessage = (event: MessageEvent<StageMessage>) => {
    const message = event.data;
    if (message === END) output.postMessage(END);
    else {
      mapInPlace(new Int32Array(message.buffer), message.length);
      output.postMessage(message, [message.buffer]); // transferred: ownership moves, no copy
    }
  };
}

function countStage(input: MessagePort): void {
  const counts: Counts = { fizz: 0, buzz: 0, fizzBuzz: 0, values: 0 };
  input.onmessage = (event: MessageEvent<StageMessage>) => {
    const message = event.data;
    if (message === END) self.postMessage({ counts });
    else {
      countInto(counts, new Int32Array(message.buffer), message.length);
      self.postMessage(message, [message.buffer]); // back to the page's generator
    }
  };
}

const role = self.name as StageRole;
if (role !== 'map' && role !== 'count') throw new Error(`a stage worker is named map or count, not ${role}`);
self.onmessage = (event: MessageEvent<{ port?: MessagePort }>) => {
  const port = event.data.port;
  if (!port) throw new Error('a stage worker first needs { port }');
  if (role === 'map') mapStage(port);
  else countStage(port);
  self.postMessage('ready');
};
