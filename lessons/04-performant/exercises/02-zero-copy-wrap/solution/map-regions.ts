/** Solution: cut the batch at both wrap points and map each run where both sides are contiguous. */
import type { Region } from '@steady/runtime';
import { int32Region, mapRun } from '../../../src/fizzbuzz.ts';

/** Maps `count` values from the input region (two views) into the output region (two views). */
export function mapRegions(input: Region, output: Region, count: number): void {
  const [inFirst, inSecond] = int32Region(input);
  const [outFirst, outSecond] = int32Region(output);
  let done = 0;
  while (done < count) {
    const inView = done < inFirst.length ? inFirst : inSecond;
    const inAt = done < inFirst.length ? done : done - inFirst.length;
    const outView = done < outFirst.length ? outFirst : outSecond;
    const outAt = done < outFirst.length ? done : done - outFirst.length;
    const run = Math.min(count - done, inView.length - inAt, outView.length - outAt);
    if (run <= 0) throw new RangeError(`mapRegions: regions hold fewer than ${count} slots`);
    mapRun(inView, inAt, outView, outAt, run);
    done += run;
  }
}
