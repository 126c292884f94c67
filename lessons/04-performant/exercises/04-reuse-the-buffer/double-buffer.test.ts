import { codecs, GraphBuilder } from '@steady/runtime';
import { sendAll, takeAll } from '@steady/runtime/testing';
import { expect, it } from 'vitest';
import { fizzBuzzCode } from '../../src/fizzbuzz.ts';
import { doubleBufferStep } from './double-buffer.ts';

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

function rings() {
  const graph = GraphBuilder.forTesting().build({});
  const [generatorTx, generatorRx] = graph.channelBuilder().withCodec(codecs.i32).withCapacity(32).build();
  const [workerTx, workerRx] = graph.channelBuilder().withCodec(codecs.i32).withCapacity(32).build();
  return { generatorTx, generatorRx, workerTx, workerRx };
}

it('stages each batch in the buffer it is given (no array of its own)', () => {
  const { generatorTx, generatorRx, workerTx, workerRx } = rings();
  const buffer = new Int32Array(8).fill(-99);
  sendAll(generatorTx, range(0, 8));
  expect(doubleBufferStep(generatorRx, workerTx, buffer)).toBe(8);
  expect([...buffer], 'the buffer passed in must hold the batch it staged').toEqual(
    range(0, 8).map(fizzBuzzCode),
  );
  expect(takeAll(workerRx)).toEqual(range(0, 8).map(fizzBuzzCode));
});

it('moves at most one buffer per step, and the next step reuses the same buffer', () => {
  const { generatorTx, generatorRx, workerTx, workerRx } = rings();
  const buffer = new Int32Array(8).fill(-99);
  sendAll(generatorTx, range(10, 12));
  expect(doubleBufferStep(generatorRx, workerTx, buffer), 'a batch is at most the buffer').toBe(8);
  expect(doubleBufferStep(generatorRx, workerTx, buffer)).toBe(4);
  expect([...buffer.subarray(0, 4)]).toEqual(range(18, 4).map(fizzBuzzCode));
  expect(takeAll(workerRx)).toEqual(range(10, 12).map(fizzBuzzCode));
});
