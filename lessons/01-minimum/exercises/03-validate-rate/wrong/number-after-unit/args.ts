/** Wrong: strips the unit and converts with Number, which accepts negative numbers and fractions. */
import { Command, integerOption, parseCommandLine } from '@steady/runtime';
import type { MainArgs } from '../../../../src/args.ts';

export function parseRate(value: string): number {
  if (value.endsWith('ms')) return Number(value.slice(0, -2));
  if (value.endsWith('s')) return Number(value.slice(0, -1)) * 1000;
  return Number(value);
}

export function parseArgs(argv: readonly string[]): MainArgs {
  const program = new Command('01-minimum')
    .option('-r, --rate <duration>', 'time between beats: 250, 250ms or 2s', parseRate, 1000)
    .option('-b, --beats <n>', 'beats before shutdown', integerOption(1), 60);
  return parseCommandLine<MainArgs>(program, argv);
}
