import { fileURLToPath } from 'node:url';
import { runLessonProgram } from '@steady/runtime/testing';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ARGS, parseArgs } from '../src/args.ts';

const lessonDir = fileURLToPath(new URL('..', import.meta.url));
const runLesson = (args: string[]) => runLessonProgram(lessonDir, args);

describe('lesson 03 as a program', () => {
  it('defaults: rate 1000 ms, 60 beats, planned failures on; --no-failures turns them off', () => {
    expect(DEFAULT_ARGS).toEqual({ rate: 1000, beats: 60, failures: true });
    expect(parseArgs(['--no-failures', '-r', '5'])).toEqual({ rate: 5, beats: 60, failures: false });
  });

  it('survives every planned failure, stops cleanly, and its books balance', () => {
    const result = runLesson(['--rate', '40', '--beats', '16']);
    const output = result.stdout;
    expect(result.status, result.stderr).toBe(0);
    for (const failure of [
      'generator on its 13th loop',
      'heartbeat at beat 7',
      'worker cannot process 33',
      'logger cannot log Value(41)',
    ]) {
      expect(output).toContain(`planned failure: ${failure}`);
    }
    expect(output).toMatch(/WARN \(worker\): dropped a showstopper from generator: 33/);
    expect(output).toMatch(/dropped a showstopper from fizzbuzz: \{"kind":"Value","value":41\}/);
    expect(output).toMatch(/generated (\d+) = processed \d+ \+ dropped by the worker 1: ok/);
    expect(output).toMatch(/processed \d+ = logged \d+ \+ dropped by the logger 1: ok/);
    expect(output).toContain('Nothing lost, nothing counted twice.');
    const values = output.split('\n').flatMap((line) => {
      const m = / Msg Value\((\d+)\)$/.exec(line);
      return m ? [Number(m[1])] : [];
    });
    expect(new Set(values).size, 'no value logged twice').toBe(values.length);
  });

  it('refuses a bad value with exit code 2', () => {
    const result = runLesson(['--beats', '-1']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--beats.*must be at least 1/);
  });
});
