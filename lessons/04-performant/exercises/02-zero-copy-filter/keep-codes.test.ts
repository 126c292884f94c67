import { codecs, GraphBuilder } from '@steady/runtime';
import { sendAll, takeAll } from '@steady/runtime/testing';
import { expect, it } from 'vitest';
import { fizzBuzzCode } from '../../src/fizzbuzz.ts';
import { keepCodes } from './keep-codes.ts';

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);
/** 30 … 41: FizzBuzz at 30, Fizz at 33, 36, 39, Buzz at 35, 40; six plain values in between. */
const VALUES = range(30, 12);
const KEPT = VALUES.map(fizzBuzzCode).filter((code) => code < 0);

/** Two 16-slot rings whose positions stand at `inAt` and `outAt`; the 12 values (then `after`) wait in the input. */
function rings(inAt: number, outAt: number, after: number[] = []) {
  const graph = GraphBuilder.forTesting().build({});
  const ring = (at: number) => {
    const [tx, rx] = graph.channelBuilder().withCodec(codecs.i32).withCapacity(16).build();
    sendAll(tx, range(0, at));
    takeAll(rx);
    return [tx, rx] as const;
  };
  const [valuesTx, valuesRx] = ring(inAt);
  const [codesTx, codesRx] = ring(outAt);
  sendAll(valuesTx, [...VALUES, ...after]);
  codesTx.pokeSlice()[0].fill(99); // what a hole in the output would show
  codesTx.pokeSlice()[1].fill(99);
  return { valuesRx, codesTx, codesRx };
}

it.each([
  ['neither ring wraps', 0, 0],
  ['only the input wraps', 10, 0],
  ['only the output wraps', 0, 13],
  ['both wrap, the input first', 8, 12],
  ['both wrap, the output first', 12, 14],
])('%s (input at %i, output at %i): the six codes, packed and in order', (name, inAt, outAt) => {
  const { valuesRx, codesTx, codesRx } = rings(inAt, outAt);
  const kept = keepCodes(valuesRx.peekSlice(), VALUES.length, codesTx.pokeSlice());
  expect(kept, `${name}: keepCodes returns how many codes it wrote`).toBe(KEPT.length);
  codesTx.advanceSendIndex(kept);
  expect(
    takeAll(codesRx),
    `${name}: the kept codes, each right after the one before (the output has its own position)`,
  ).toEqual(KEPT);
});

it('reads only the count values it is given, though more wait in the input', () => {
  const { valuesRx, codesTx, codesRx } = rings(10, 0, [42, 45]); // a Fizz and a FizzBuzz after the 12 values
  const kept = keepCodes(valuesRx.peekSlice(), VALUES.length, codesTx.pokeSlice());
  expect(
    kept,
    'keepCodes returns how many codes it wrote from the first `count` values only: two more values (a Fizz and a FizzBuzz) wait in the input region, and they are not part of this batch',
  ).toBe(KEPT.length);
  codesTx.advanceSendIndex(kept);
  expect(takeAll(codesRx), 'the codes of the first `count` values, nothing after them').toEqual(KEPT);
});
