/** Wrong: switches to the output's second view when the input wraps, as if both rings wrapped together. */
import type { Region } from '@steady/runtime';
import { fizzBuzzCode, int32Region } from '../../../../src/fizzbuzz.ts';

export function keepCodes(input: Region, count: number, output: Region): number {
  const [inFirst, inSecond] = int32Region(input);
  const [outFirst, outSecond] = int32Region(output);
  let kept = 0;
  let keptBeforeWrap = 0;
  for (let i = 0; i < count; i++) {
    const beforeWrap = i < inFirst.length;
    const code = fizzBuzzCode((beforeWrap ? inFirst[i] : inSecond[i - inFirst.length]) as number);
    if (code >= 0) continue;
    if (beforeWrap) outFirst[keptBeforeWrap++] = code;
    else outSecond[kept - keptBeforeWrap] = code;
    kept++;
  }
  return kept;
}
