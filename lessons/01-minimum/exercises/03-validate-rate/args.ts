/** Exercise: validate --rate like --beats. */
import { Command, integerOption, parseCommandLine } from '@steady/runtime';
import type { MainArgs } from '../../src/args.ts';

export function parseArgs(argv: readonly string[]): MainArgs {
  const program = new Command('01-minimum')
    // TODO: `Number` accepts negative numbers, fractions and NaN.
    .option('-r, --rate <ms>', 'milliseconds between beats', (value) => Number(value), 1000)
    .option('-b, --beats <n>', 'beats before shutdown', integerOption(1), 60);
  return parseCommandLine<MainArgs>(program, argv);
}
