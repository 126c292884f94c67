/**
 * The map step alone, three ways: the lesson's integer remainder and table over Int32Array,
 * the same `%` over Float64Array values (doubles), and the doubles truncated with `| 0` first.
 */
import { fizzBuzzCode, mapRun } from '../src/fizzbuzz.ts';

export interface MapRun {
  readonly name: string;
  readonly perSecond: number;
}

function fizzBuzzDouble(value: number): number {
  const r = value % 15; // a double remainder: V8 cannot assume the value is an integer
  if (r === 0) return -3;
  if (r % 3 === 0) return -1;
  if (r % 5 === 0) return -2;
  return value;
}

function fizzBuzzTruncated(value: number): number {
  return fizzBuzzCode(value | 0); // `| 0` tells the compiler: an int32
}

function time(messages: number, length: number, step: () => void): number {
  const rounds = Math.ceil(messages / length);
  const started = performance.now();
  for (let r = 0; r < rounds; r++) step();
  return (rounds * length) / ((performance.now() - started) / 1000);
}

export function mapStepAlone(messages: number, length = 65_536): MapRun[] {
  const ints = Int32Array.from({ length }, (_, i) => i + 1_000_000);
  const intsOut = new Int32Array(length);
  const doubles = Float64Array.from(ints);
  const doublesOut = new Float64Array(length);
  const runs: [string, () => void][] = [
    ['Int32Array, integer % and a table (the lesson)', () => mapRun(ints, 0, intsOut, 0, length)],
    [
      'Float64Array, % on doubles',
      () => {
        for (let i = 0; i < length; i++) doublesOut[i] = fizzBuzzDouble(doubles[i] as number);
      },
    ],
    [
      'Float64Array, truncated to int32 first',
      () => {
        for (let i = 0; i < length; i++) doublesOut[i] = fizzBuzzTruncated(doubles[i] as number);
      },
    ],
  ];
  for (const [, step] of runs) time(length * 64, length, step); // warm up: let the optimizing compiler in
  return runs.map(([name, step]) => ({ name, perSecond: time(messages, length, step) }));
}
