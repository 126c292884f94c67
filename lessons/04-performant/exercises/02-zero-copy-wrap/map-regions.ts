/** Exercise: map a batch from the input ring's views to the output ring's views, whichever wraps. */
import type { Region } from '@steady/runtime';
import { int32Region, mapRun } from '../../src/fizzbuzz.ts';

/** Maps `count` values from the input region (two views) into the output region (two views). */
export function mapRegions(input: Region, output: Region, count: number): void {
  const [inFirst] = int32Region(input);
  const [outFirst] = int32Region(output);
  // TODO: this assumes neither region wraps: the second views are ignored.
  mapRun(inFirst, 0, outFirst, 0, Math.min(count, inFirst.length, outFirst.length));
}
