import { fileURLToPath } from 'node:url';
import { runLessonProgram, usageErrorOf } from '@steady/runtime/testing';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ARGS, parseArgs } from '../src/args.ts';

const lessonDir = fileURLToPath(new URL('..', import.meta.url));

describe('command line', () => {
  it('defaults to a beat a second, 120 beats', () => {
    expect(parseArgs([])).toEqual(DEFAULT_ARGS);
    expect(DEFAULT_ARGS).toEqual({ rate: 1000, beats: 120 });
  });

  it('reads --rate/-r and --beats/-b', () => {
    expect(parseArgs(['--rate', '500', '--beats', '3'])).toEqual({ rate: 500, beats: 3 });
    expect(parseArgs(['-r', '20', '-b', '7'])).toEqual({ rate: 20, beats: 7 });
  });

  it.each([
    [['--rate', '-5'], /--rate.*must be between 1 and/],
    [['--rate', 'fast'], /--rate.*"fast" is not a whole number/],
    [['--beats', '0'], /--beats.*must be at least 1/],
    [['--beats', '2.5'], /--beats.*not a whole number/],
    [['--colour', 'red'], /unknown option '--colour'/],
  ])('refuses %j with exit code 2 and a clear message', (argv, message) => {
    const error = usageErrorOf(() => parseArgs(argv));
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(message);
  });

  it('prints help and exits 0 for --help', () => {
    const error = usageErrorOf(() => parseArgs(['--help']));
    expect(error.exitCode).toBe(0);
    expect(error.message).toMatch(/--rate <ms>/);
    expect(error.message).toMatch(/--beats <n>/);
  });

  it('as a program: a bad value exits 2 with one line and no stack trace', () => {
    const result = runLessonProgram(lessonDir, ['--rate', '-5']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/error: option '-r, --rate <ms>' argument '-5' is invalid/);
    expect(result.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('as a program: --rate 250 --beats 3 moves three heartbeats of FizzBuzz and exits 0', () => {
    // The worker moves values only on a beat; a beat that comes before the generator's thread has
    // started moves none. 250 ms between beats gives that thread time to start on a loaded machine
    // (at 50 ms, 1 run in 16 beside two busy loops moved nothing at all).
    const result = runLessonProgram(lessonDir, ['--rate', '250', '--beats', '3']);
    expect(result.status).toBe(0);
    const messages = result.stdout.split('\n').filter((line) => line.includes('Msg '));
    expect(messages.length).toBeGreaterThanOrEqual(64); // at least one full channel per heartbeat
    expect(messages[0]).toMatch(/Msg FizzBuzz$/);
    expect(messages[1]).toMatch(/Msg Value\(1\)$/);
  });
});
