/**
 * The lesson's benchmark, run as `npm run bench -- --smoke` (tiny counts, one run each): every
 * variant must run, count correctly and show a non-zero rate. Nothing here is timed.
 */
import { fileURLToPath } from 'node:url';
import { describeRun, numberIn, runProgram } from '@steady/runtime/bench';
import { expect, it } from 'vitest';

const LESSON_DIR = fileURLToPath(new URL('..', import.meta.url));

it('npm run bench -- --smoke prints every variant with correct counts and non-zero rates, and exits 0', async () => {
  const run = await runProgram('npm', ['run', 'bench', '--', '--smoke'], {
    cwd: LESSON_DIR,
    timeoutMs: 280_000,
  });
  expect(run.code, describeRun(run)).toBe(0);
  const [variants, mapStep] = run.tables;
  expect(run.tables, describeRun(run)).toHaveLength(2);
  expect(variants?.column('variant')).toEqual([
    '3. single-thread loop',
    '1. lesson graph, zero copy',
    '2. lesson graph, double buffer',
    '4. postMessage, batches transferred',
    '5. postMessage per message',
    '6. object-mode streams',
    'hot path: zero copy, one thread',
    'hot path: double buffer, one thread',
  ]);
  const notPositive = (cells: string[] = []) => cells.filter((c) => !(numberIn(c) > 0));
  expect(
    variants?.column('counts').filter((c) => c !== 'ok'),
    describeRun(run),
  ).toEqual([]);
  expect(notPositive(variants?.column('M msg/s (median)')), describeRun(run)).toEqual([]);
  expect(mapStep?.rows).toHaveLength(3);
  expect(notPositive(mapStep?.column('M values/s')), describeRun(run)).toEqual([]);
}, 300_000);
