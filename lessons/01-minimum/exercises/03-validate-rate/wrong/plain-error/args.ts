/** Wrong: checks the value by hand but refuses it with a plain Error, which the command line does not turn into exit code 2. */
import { Command, integerOption, parseCommandLine } from '@steady/runtime';
import type { MainArgs } from '../../../../src/args.ts';

export function parseRate(value: string): number {
  const match = /^\s*(\d+)\s*(ms|s)?\s*$/.exec(value);
  if (!match?.[1]) throw new Error(`--rate ${value}: expected a whole number with ms or s`);
  const ms = match[2] === 's' ? Number(match[1]) * 1000 : Number(match[1]);
  if (ms < 1 || ms > 3_600_000) throw new Error(`--rate ${value}: must be between 1 ms and one hour`);
  return ms;
}

export function parseArgs(argv: readonly string[]): MainArgs {
  const program = new Command('01-minimum')
    .option('-r, --rate <duration>', 'time between beats: 250, 250ms or 2s', parseRate, 1000)
    .option('-b, --beats <n>', 'beats before shutdown', integerOption(1), 60);
  return parseCommandLine<MainArgs>(program, argv);
}
