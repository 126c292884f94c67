import { codecs, GraphBuilder } from '@steady/runtime';
import { sendAll, takeAll } from '@steady/runtime/testing';
import { expect, it } from 'vitest';
import { fizzBuzzCode } from '../../src/fizzbuzz.ts';
import { keepCodesStep } from './keep-codes-step.ts';

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);
const keptCodes = (values: number[]) => values.map(fizzBuzzCode).filter((code) => code < 0);

function rings(codesCapacity = 32) {
  const graph = GraphBuilder.forTesting().build({});
  const [valuesTx, valuesRx] = graph.channelBuilder().withCodec(codecs.i32).withCapacity(32).build();
  const [codesTx, codesRx] = graph.channelBuilder().withCodec(codecs.i32).withCapacity(codesCapacity).build();
  return { valuesTx, valuesRx, codesTx, codesRx };
}

it('stages the batch in the buffer it is given, and sends on only the kept codes', () => {
  const { valuesTx, valuesRx, codesTx, codesRx } = rings();
  const buffer = new Int32Array(8).fill(99);
  sendAll(valuesTx, range(30, 8)); // FizzBuzz 30, Fizz 33, Buzz 35, Fizz 36
  expect(keepCodesStep(valuesRx, codesTx, buffer), 'values taken').toBe(8);
  expect(
    [...buffer.subarray(0, 4)],
    'the buffer passed in must hold the kept codes at its start: stage the batch in a view of it, not in a new array',
  ).toEqual(keptCodes(range(30, 8)));
  expect(takeAll(codesRx), 'the codes sent on: only the kept codes').toEqual(keptCodes(range(30, 8)));
});

it('takes at most one buffer per step, and the next step reuses the same buffer', () => {
  const { valuesTx, valuesRx, codesTx, codesRx } = rings();
  const buffer = new Int32Array(8);
  sendAll(valuesTx, range(10, 12));
  expect(keepCodesStep(valuesRx, codesTx, buffer), 'values taken: a step moves at most one buffer').toBe(8);
  expect(keepCodesStep(valuesRx, codesTx, buffer), 'values taken by the second step').toBe(4);
  expect(takeAll(codesRx), 'the codes sent on, from both steps').toEqual(keptCodes(range(10, 12)));
});

it('takes no more values than the output has room for, so no kept code is lost', () => {
  const { valuesTx, valuesRx, codesTx, codesRx } = rings(8);
  sendAll(codesTx, range(0, 6)); // 2 slots of room downstream
  sendAll(valuesTx, range(30, 8));
  const buffer = new Int32Array(8);
  keepCodesStep(valuesRx, codesTx, buffer);
  const received = takeAll(codesRx).slice(6);
  while (keepCodesStep(valuesRx, codesTx, buffer) > 0) received.push(...takeAll(codesRx));
  received.push(...takeAll(codesRx));
  expect(
    received,
    'every kept code arrives: with 2 slots of room downstream, a step may take only 2 values (each could be kept)',
  ).toEqual(keptCodes(range(30, 8)));
});
