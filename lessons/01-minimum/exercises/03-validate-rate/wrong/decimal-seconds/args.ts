/** Wrong: lets the number have a decimal part and checks for a whole number only after converting, so `1.5s` (1500 ms) gets through. */
import { Command, integerOption, parseCommandLine } from '@steady/runtime';
import type { MainArgs } from '../../../../src/args.ts';

const millisecondsInRange = integerOption(1, 3_600_000);

export function parseRate(value: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s)?\s*$/.exec(value);
  if (!match?.[1]) return millisecondsInRange(value);
  const ms = match[2] === 's' ? Number(match[1]) * 1000 : Number(match[1]);
  return millisecondsInRange(String(ms));
}

export function parseArgs(argv: readonly string[]): MainArgs {
  const program = new Command('01-minimum')
    .option('-r, --rate <duration>', 'time between beats: 250, 250ms or 2s', parseRate, 1000)
    .option('-b, --beats <n>', 'beats before shutdown', integerOption(1), 60);
  return parseCommandLine<MainArgs>(program, argv);
}
