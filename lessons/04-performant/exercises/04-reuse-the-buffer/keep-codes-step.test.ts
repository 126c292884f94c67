import { codecs, GraphBuilder } from '@steady/runtime';
import { sendAll, takeAll } from '@steady/runtime/testing';
import { expect, it } from 'vitest';
import { fizzBuzzCode } from '../../src/fizzbuzz.ts';
import { keepCodesStep } from './keep-codes-step.ts';

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);
const keptCodes = (values: number[]) => values.map(fizzBuzzCode).filter((code) => code < 0);

/**
 * Runs `step` and counts the arrays it makes with `new Int32Array`, `map`, `filter`, `slice` or
 * `Array.from` (typed or plain). The channels' own copies use only `subarray` and `set`.
 */
function arraysMadeDuring(step: () => void): number {
  let made = 0;
  const restore: (() => void)[] = [];
  const countCalls = (owner: object, name: string) => {
    const methods = owner as Record<string, (...args: unknown[]) => unknown>;
    const original = methods[name] as (...args: unknown[]) => unknown;
    methods[name] = function (this: unknown, ...args: unknown[]) {
      made++;
      return original.apply(this, args);
    };
    restore.push(() => {
      methods[name] = original;
    });
  };
  for (const name of ['map', 'filter', 'slice']) {
    countCalls(Object.getPrototypeOf(Int32Array.prototype), name);
    countCalls(Array.prototype, name);
  }
  countCalls(Array, 'from');
  const int32Array = globalThis.Int32Array;
  globalThis.Int32Array = new Proxy(int32Array, {
    construct(target, args) {
      made++;
      return Reflect.construct(target, args);
    },
  });
  try {
    step();
  } finally {
    globalThis.Int32Array = int32Array;
    for (const undo of restore) undo();
  }
  return made;
}

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
  expect(
    keepCodesStep(valuesRx, codesTx, buffer),
    'values taken (keepCodesStep returns how many values it took, not how many codes it sent)',
  ).toBe(8);
  expect(
    [...buffer.subarray(0, 4)],
    'the buffer passed in must hold the kept codes at its start: take the batch into a view of it and filter there, in place, not into a new array',
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

it('allocates no array per batch: stages, filters and sends in the buffer it is given', () => {
  const { valuesTx, valuesRx, codesTx, codesRx } = rings();
  const buffer = new Int32Array(8);
  sendAll(valuesTx, range(30, 8));
  const made = arraysMadeDuring(() => keepCodesStep(valuesRx, codesTx, buffer));
  expect(takeAll(codesRx), 'the codes sent on').toEqual(keptCodes(range(30, 8)));
  expect(
    made,
    'arrays made by one step (new Int32Array, map, filter, slice, Array.from): filter in the buffer with a loop, one index to read and one to write, and send a subarray of it',
  ).toBe(0);
});
