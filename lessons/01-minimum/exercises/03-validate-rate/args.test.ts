import { UsageError } from '@steady/runtime';
import { describe, expect, it } from 'vitest';
import { parseArgs } from './args.ts';

function exitCodeOf(argv: string[]): number | 'accepted' {
  try {
    parseArgs(argv);
    return 'accepted';
  } catch (error) {
    if (error instanceof UsageError) return error.exitCode;
    throw error;
  }
}

describe('--rate', () => {
  it('accepts a whole number of milliseconds', () => {
    expect(parseArgs(['--rate', '250']).rate).toBe(250);
  });
  it.each([['-5'], ['0'], ['fast'], ['2.5'], ['3600001']])('refuses %s with exit code 2', (value) => {
    expect(exitCodeOf(['--rate', value])).toBe(2);
  });
});
