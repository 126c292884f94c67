import { fileURLToPath } from 'node:url';
import { runLessonProgram, usageErrorOf } from '@steady/runtime/testing';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ARGS, parseArgs } from '../src/args.ts';

describe('the pods command line', () => {
  it('defaults: 20 ms beats, 100 beats of 1,000,000 values, subscriber at 127.0.0.1:40456', () => {
    expect(DEFAULT_ARGS).toEqual({
      rate: 20,
      beats: 100,
      values: 1_000_000,
      ip: '127.0.0.1',
      port: 40456,
      telemetry: 5551,
      mtu: 65504,
    });
    expect(parseArgs([])).toEqual(DEFAULT_ARGS);
    expect(parseArgs(['--ip', '10.0.0.7', '--port', '5000', '-b', '10000'])).toMatchObject({
      ip: '10.0.0.7',
      port: 5000,
      beats: 10000,
      mtu: 1408, // across a network: Aeron's default, no IP fragmentation
    });
    expect(parseArgs(['--ip', '10.0.0.7', '--mtu', '8192']).mtu).toBe(8192);
  });

  it('refuses bad values', () => {
    expect(usageErrorOf(() => parseArgs(['--port', '70000'])).message).toMatch(/--port/);
    expect(usageErrorOf(() => parseArgs(['--ip', 'localhost'])).message).toMatch(/IPv4/);
    expect(usageErrorOf(() => parseArgs(['--ip', '1.2.3.256'])).message).toMatch(/IPv4/);
    expect(usageErrorOf(() => parseArgs(['--beats', '0'])).message).toMatch(/--beats/);
    expect(usageErrorOf(() => parseArgs(['--mtu', '1000'])).message).toMatch(/multiple of 32/);
    expect(usageErrorOf(() => parseArgs(['--mtu', '65536'])).message).toMatch(/--mtu/);
  });

  it('--help says plainly that only UDP exists', () => {
    const lessonDir = fileURLToPath(new URL('..', import.meta.url));
    const result = runLessonProgram(lessonDir, ['--help'], {
      entry: 'src/publish/main.ts',
      timeoutMs: 20_000,
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/UDP only/);
    expect(result.stdout).toMatch(/media driver/);
  });
});
