/**
 * The site's benchmarks, run as `npm run bench -- --smoke`: both sections in one Chromium.
 * - native (one page load instead of three): builds the site if needed, weighs the lesson page's
 *   JavaScript and times Run → first output; both tables must have non-zero figures;
 * - browser (one cold Run and Test of lesson 01, a short lesson 04 run, a short postMessage run,
 *   the same lesson 04 run under Node): every phase of Run and Test, and the three throughputs.
 * No figure is compared with its target here: that is what the bench itself reports.
 */
import { fileURLToPath } from 'node:url';
import { describeRun, numberIn, runProgram } from '@steady/runtime/bench';
import { beforeAll, expect, it } from 'vitest';
import { buildSiteIfNeeded } from './build-site.ts';

const SITE_DIR = fileURLToPath(new URL('..', import.meta.url));

// The bench builds the site if its sources changed; build it first (as the end-to-end tests do),
// so that the bench's own time limit covers the bench alone.
beforeAll(buildSiteIfNeeded, 600_000);

it('npm run bench -- --smoke prints the page weight, a first-output run in native mode, and every phase of the browser engine', async () => {
  const run = await runProgram('npm', ['run', 'bench', '--', '--smoke'], {
    cwd: SITE_DIR,
    timeoutMs: 280_000,
  });
  expect(run.code, describeRun(run)).toBe(0);
  expect(run.tables, describeRun(run)).toHaveLength(6);
  // The native section.
  const [weight, firstOutput, headline, runPhases, testPhases, throughput] = run.tables;
  expect(weight?.column('file').at(-1)).toBe('total');
  expect(
    weight?.column('gzip').filter((c) => !(numberIn(c) > 0)),
    describeRun(run),
  ).toEqual([]);
  expect(firstOutput?.rows, describeRun(run)).toHaveLength(1);
  expect(numberIn(firstOutput?.column('Run → first output')[0] ?? ''), describeRun(run)).toBeGreaterThan(0);
  // The browser section.
  expect(headline?.column('measure'), describeRun(run)).toEqual([
    'cold load → Heartbeat 3 (lesson 01, --rate 100 --beats 3, Run pressed once it is enabled)',
    'Test → grade, lesson 01 (4 exercises)',
  ]);
  // A smoke run's figures mean nothing: it names the targets but judges none of them.
  expect(headline?.column('verdict'), describeRun(run)).toEqual(['n/a (smoke)', 'n/a (smoke)']);
  expect(throughput?.column('verdict'), describeRun(run)).toEqual(['n/a (smoke)', 'n/a (smoke)', '-']);
  // Every phase of the cold Run and of Test was seen (a missing mark prints "-"), but the
  // editor's start: Run was pressed before it, and the bench does not wait for it.
  for (const table of [runPhases, testPhases]) {
    const phases = table?.column('phase') ?? [];
    const times = table?.column(table.header[1] ?? '') ?? [];
    expect(times.length, describeRun(run)).toBeGreaterThan(4);
    expect(
      phases.filter((phase, i) => !(numberIn(times[i] ?? '') >= 0) && !/editor shown/.test(phase)),
      describeRun(run),
    ).toEqual([]);
  }
  expect(throughput?.column('pipeline')[0]).toMatch(/^lesson 04, shared rings/);
  expect(throughput?.column('pipeline')[1]).toMatch(/^batched postMessage/);
  expect(throughput?.column('pipeline')[2]).toMatch(/lesson 04 under Node/);
  expect(
    throughput?.column('messages/s').filter((c) => !(numberIn(c) > 0)),
    describeRun(run),
  ).toEqual([]);
}, 300_000);

it('npm run bench refuses a section it does not have, naming the ones it has, with exit code 2', async () => {
  const run = await runProgram('npm', ['run', 'bench', '--', '--only', 'native,webgpu', '--no-build'], {
    cwd: SITE_DIR,
    timeoutMs: 60_000,
  });
  expect(run.code, describeRun(run)).toBe(2);
  expect(run.stderr).toMatch(
    /argument 'native,webgpu' is invalid\. "webgpu" is not one of native, browser\./,
  );
  expect(run.stdout).not.toMatch(/Lesson page/); // nothing measured
}, 90_000);
