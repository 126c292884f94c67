/** Wrong: indexes the output's second view with the overall count, not with the count past the wrap. */
import type { Region } from '@steady/runtime';
import { fizzBuzzCode, int32Region } from '../../../../src/fizzbuzz.ts';

export function keepCodes(input: Region, count: number, output: Region): number {
  const [inFirst, inSecond] = int32Region(input);
  const [outFirst, outSecond] = int32Region(output);
  let kept = 0;
  for (let i = 0; i < count; i++) {
    const value = i < inFirst.length ? inFirst[i] : inSecond[i - inFirst.length];
    const code = fizzBuzzCode(value as number);
    if (code >= 0) continue;
    if (kept < outFirst.length) outFirst[kept] = code;
    else outSecond[kept] = code;
    kept++;
  }
  return kept;
}
