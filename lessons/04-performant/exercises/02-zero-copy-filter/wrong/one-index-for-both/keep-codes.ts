/** Wrong: writes each kept code at the position it was read from, so the output has holes. */
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
    if (i < outFirst.length) outFirst[i] = code;
    else outSecond[i - outFirst.length] = code;
    kept++;
  }
  return kept;
}
