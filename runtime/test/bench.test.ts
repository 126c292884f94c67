/**
 * The runtime's benchmarks, run as `npm run bench -- --smoke` (what the root README shows, with
 * tiny counts): every bench program must finish and print its tables with non-zero, verified
 * figures. Nothing here is timed: the figures only have to be there and make sense.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BENCHES } from '../bench/index.ts';
import { describeRun, numberIn, type ParsedTable, parseTables, runProgram } from '../src/bench/index.ts';
import { expectAeronSmokeOutput } from './aeron/fixtures/bench-smoke-output.ts';

const BENCH_DIR = fileURLToPath(new URL('../bench/', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The table of a bench section that has a column `name` (fails if there is none). */
function tableWith(tables: readonly ParsedTable[], name: string): ParsedTable {
  const table = tables.find((t) => t.header.includes(name));
  if (!table)
    throw new Error(
      `no table with a "${name}" column; tables: ${tables.map((t) => t.header.join(' | ')).join('; ')}`,
    );
  return table;
}

const positive = (cells: readonly string[]) => cells.every((c) => numberIn(c) > 0);

/** What each bench must print, beyond exiting 0; a bench without an entry needs a table of positive figures. */
const EXPECTED: Record<string, (section: string) => void> = {
  channels(section) {
    const table = tableWith(parseTables(section), 'M msg/s');
    expect(table.column('variant')).toEqual([
      'fused single-thread loop (ceiling, no channel)',
      'batched zero-copy, 16K chunks',
      'per-item trySend/tryTake',
      'postMessage batched (16K transferred buffers)',
      'postMessage per item',
    ]);
    expect(table.column('verified')).toEqual(table.rows.map(() => 'yes'));
    expect(positive(table.column('M msg/s'))).toBe(true);
    expect(section).toMatch(/round trip \(ping-pong .*\): median \d+\.\d+ µs, p99 \d+\.\d+ µs/);
    expect(section).not.toContain('NOT VERIFIED');
  },
  aeron: expectAeronSmokeOutput,
  telemetry(section) {
    const tables = parseTables(section);
    const overhead = tableWith(tables, 'median msg/s');
    expect(overhead.column('telemetry')).toEqual(['off', 'on', 'on + dashboard']);
    expect(positive(overhead.column('median msg/s'))).toBe(true);
    const work = tableWith(tables, 'µs per call');
    expect(work.rows).toHaveLength(3);
    expect(positive(work.column('µs per call'))).toBe(true);
  },
};

function anyBench(section: string): void {
  const tables = parseTables(section);
  expect(tables.length).toBeGreaterThan(0);
  for (const table of tables)
    for (const row of table.rows) expect(row.some((c) => numberIn(c) > 0)).toBe(true);
}

describe('runtime benchmarks', () => {
  it('BENCHES in bench/index.ts lists every bench program of runtime/bench', () => {
    const programs = readdirSync(BENCH_DIR)
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => f.slice(0, -'.ts'.length));
    expect([...BENCHES].sort()).toEqual(programs.sort());
  });

  it('npm run bench -- --smoke: every bench exits 0 and prints its tables with non-zero, verified figures', async () => {
    const run = await runProgram('npm', ['run', 'bench', '--', '--smoke'], {
      cwd: REPO_ROOT,
      // The Aeron C comparison is for full runs only: the smoke output must say it did not run.
      env: { AERON_BIN_DIR: '' },
      timeoutMs: 280_000,
    });
    expect(run.code, describeRun(run)).toBe(0);
    const sections = run.stdout.split(/^== (\w+)\.ts ==$/m);
    const printed = new Map<string, string>();
    for (let i = 1; i + 1 < sections.length; i += 2)
      printed.set(sections[i] as string, sections[i + 1] as string);
    expect([...printed.keys()], describeRun(run)).toEqual([...BENCHES]);
    for (const [name, section] of printed) {
      try {
        (EXPECTED[name] ?? anyBench)(section);
      } catch (error) {
        throw new Error(`${name}.ts --smoke: ${(error as Error).message}\n${describeRun(run)}`);
      }
    }
  }, 300_000);
});
