/** Wrong: asks whether the value ends in `s` before asking about `ms`, so `250ms` is read as `250m` seconds and refused. */
import { Command, integerOption, parseCommandLine } from '@steady/runtime';
import type { MainArgs } from '../../../../src/args.ts';

const millisecondsInRange = integerOption(1, 3_600_000);

export function parseRate(value: string): number {
  if (value.endsWith('s')) return millisecondsInRange(String(Number(value.slice(0, -1)) * 1000));
  if (value.endsWith('ms')) return millisecondsInRange(value.slice(0, -2));
  return millisecondsInRange(value);
}

export function parseArgs(argv: readonly string[]): MainArgs {
  const program = new Command('01-minimum')
    .option('-r, --rate <duration>', 'time between beats: 250, 250ms or 2s', parseRate, 1000)
    .option('-b, --beats <n>', 'beats before shutdown', integerOption(1), 60);
  return parseCommandLine<MainArgs>(program, argv);
}
