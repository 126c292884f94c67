/** Exercise: let --rate take a unit (`250ms`, `2s`) and refuse every other value where it enters. */
import { Command, integerOption, parseCommandLine } from '@steady/runtime';
import type { MainArgs } from '../../src/args.ts';

/** A --rate value in milliseconds: `250`, `250ms` or `2s`, from 1 ms to one hour. */
export function parseRate(value: string): number {
  // TODO: `Number.parseInt` reads `2s` as 2 ms, and lets `-5`, `fast` (NaN) and `2.5` through.
  return Number.parseInt(value, 10);
}

export function parseArgs(argv: readonly string[]): MainArgs {
  const program = new Command('01-minimum')
    .option('-r, --rate <duration>', 'time between beats: 250, 250ms or 2s', parseRate, 1000)
    .option('-b, --beats <n>', 'beats before shutdown', integerOption(1), 60);
  return parseCommandLine<MainArgs>(program, argv);
}
