import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { UsageError } from '@steady/runtime';
import { describe, expect, it } from 'vitest';
import { batchSize, DEFAULT_ARGS, parseArgs } from '../src/args.ts';

const lessonDir = fileURLToPath(new URL('..', import.meta.url));

function usageErrorOf(argv: string[]): UsageError {
  try {
    parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(argv)} to be refused`);
}

describe('command line', () => {
  it('defaults to the Rust lesson: a beat every 2 ms, 30000 beats, zero copy', () => {
    expect(parseArgs([])).toEqual(DEFAULT_ARGS);
    expect(DEFAULT_ARGS).toEqual({
      rate: 2,
      beats: 30_000,
      worker: 'zero-copy',
      chunk: 65_536,
      placement: 'default',
      spin: 2000,
    });
  });

  it('reads every option, long and short', () => {
    expect(
      parseArgs([
        '--rate',
        '5',
        '--beats',
        '100',
        '--worker',
        'double-buffer',
        '--chunk',
        '4096',
        '--placement',
        'two-threads',
        '--spin',
        '0',
      ]),
    ).toEqual({
      rate: 5,
      beats: 100,
      worker: 'double-buffer',
      chunk: 4096,
      placement: 'two-threads',
      spin: 0,
    });
    expect(
      parseArgs(['-r', '1', '-b', '7', '-w', 'zero-copy', '-c', '1048576', '-p', 'all-solo', '-s', '50']),
    ).toEqual({ rate: 1, beats: 7, worker: 'zero-copy', chunk: 1_048_576, placement: 'all-solo', spin: 50 });
  });

  it.each([
    [['--rate', '0'], /--rate.*must be between 1 and/],
    [['--beats', 'many'], /--beats.*"many" is not a whole number/],
    [['--worker', 'copy'], /--worker.*must be one of zero-copy, double-buffer/],
    [['--chunk', '0'], /--chunk.*must be between 1 and 1048576/],
    [['--chunk', '2097152'], /--chunk.*must be between 1 and 1048576/],
    [['--placement', 'three'], /--placement.*must be one of default, two-threads, all-solo, one-thread/],
    [['--spin', '-1'], /--spin.*must be between 0 and/],
  ])('refuses %j with exit code 2 and a clear message', (argv, message) => {
    const error = usageErrorOf(argv);
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(message);
  });

  it('prints help and exits 0 for --help', () => {
    const error = usageErrorOf(['--help']);
    expect(error.exitCode).toBe(0);
    for (const option of [
      '--rate <ms>',
      '--beats <n>',
      '--worker <kind>',
      '--chunk <n>',
      '--placement <name>',
    ])
      expect(error.message).toContain(option);
  });

  it('caps a batch at half the ring', () => {
    expect(batchSize(65_536, 2 ** 21)).toBe(65_536);
    expect(batchSize(2 ** 20, 2 ** 21)).toBe(2 ** 20);
    expect(batchSize(65_536, 64)).toBe(32);
    expect(batchSize(5, 1)).toBe(1);
  });

  it('as a program: a bad value exits 2 with one line and no stack trace', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', '--worker', 'copy'], {
      cwd: lessonDir,
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/error: option '-w, --worker <kind>' argument 'copy' is invalid/);
    expect(result.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('as a program: --beats 20 logs the first counts, a total and the average rate, and exits 0', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', '--beats', '20'], {
      cwd: lessonDir,
      encoding: 'utf8',
      env: { ...process.env, TELEMETRY_SERVER_PORT: '0' },
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Logger: 1 messages processed \(F:0, B:0, FB:1, V:0\)/);
    expect(result.stdout).toMatch(/Logger: 15 messages processed \(F:4, B:2, FB:1, V:8\)/);
    expect(result.stdout).toMatch(/Logger: total \d+ messages processed/);
    expect(result.stdout).toMatch(
      /total: [\d,]+ messages through the worker in [\d.]+ s, average [\d.]+[KMG]? messages\/s/,
    );
  });
});
