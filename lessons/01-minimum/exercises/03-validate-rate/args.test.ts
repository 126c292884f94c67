import { UsageError } from '@steady/runtime';
import { describe, expect, it } from 'vitest';
import { parseArgs } from './args.ts';

/** The exit code a bad command line ends with, or 'accepted' with the parsed rate; any other throw fails, saying why. */
function outcomeOf(argv: string[]): number | string {
  try {
    return `accepted as ${parseArgs(argv).rate} ms`;
  } catch (error) {
    if (error instanceof UsageError) return error.exitCode;
    throw new Error(
      `${argv.join(' ')}: parseArgs threw ${String(error)}, not a UsageError, so the program would end with a stack trace: refuse a value by throwing commander's InvalidArgumentError (integerOption throws one), which the command line turns into exit code 2`,
    );
  }
}

describe('--rate with a unit', () => {
  it.each([
    ['250', 250],
    ['250ms', 250],
    ['2s', 2000],
    ['3600s', 3_600_000],
  ])('reads %s as %i ms', (value, ms) => {
    expect(parseArgs(['--rate', value]).rate, `--rate ${value} means ${ms} milliseconds`).toBe(ms);
  });

  it.each([
    ['-5', 'a rate is at least 1 ms'],
    ['0', 'a rate is at least 1 ms'],
    ['fast', 'not a number'],
    ['2.5', 'whole numbers only'],
    ['1.5s', 'whole numbers only, also in seconds'],
    ['5m', 'the only units are ms and s'],
    ['s', 'a unit without a number'],
    ['3600001', 'at most one hour'],
    ['0s', 'a rate is at least 1 ms, also in seconds'],
    ['3601s', 'at most one hour, also in seconds: check the range after converting to ms'],
  ])('refuses %s with exit code 2', (value, why) => {
    expect(outcomeOf(['--rate', value]), `--rate ${value} must be refused with exit code 2 (${why})`).toBe(2);
  });
});
