/**
 * The Aeron bench in its smoke mode (`npx tsx runtime/bench/aeron.ts --smoke`): it must run end to
 * end — a publisher process and a subscriber process, a ping-pong pair, and the same two layouts
 * with bare `node:dgram` (the platform's floor) — and print its tables with every Aeron message
 * counted. Nothing here is timed: the figures only have to be there.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { numberIn, type ParsedTable, parseTables } from '../../src/bench/index.ts';

const BENCH = fileURLToPath(new URL('../../bench/aeron.ts', import.meta.url));
const AERON = 'Aeron (TypeScript)';
const FLOOR = 'bare node:dgram (floor)';

function run(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', BENCH, ...args], {
    encoding: 'utf8',
    timeout: 150_000,
    env: { ...process.env, AERON_BIN_DIR: '' },
  });
}

/** The table that has a column `name`. */
function tableWith(text: string, name: string): ParsedTable {
  const table = parseTables(text).find((t) => t.header.includes(name));
  if (!table) throw new Error(`no table with a "${name}" column in:\n${text}`);
  return table;
}

/** The cells of the row whose transport is `transport`, by column name. */
function rowOf(table: ParsedTable, transport: string): (column: string) => string {
  const at = table.column('transport').indexOf(transport);
  if (at < 0) throw new Error(`no "${transport}" row: ${table.column('transport').join(', ')}`);
  return (column) => table.column(column)[at]!;
}

describe('runtime/bench/aeron.ts --smoke', () => {
  it('transfers 5,000 messages of 1 KiB and times 1,000 round trips, with Aeron and with bare node:dgram', () => {
    const result = run(['--smoke']);
    expect(result.status, result.stderr).toBe(0);
    const throughput = tableWith(result.stdout, 'messages/s');
    expect(throughput.column('transport')).toEqual([AERON, FLOOR]);
    const aeron = rowOf(throughput, AERON);
    expect([aeron('message'), aeron('mtu')]).toEqual(['1 KiB', '1408']);
    expect(numberIn(aeron('messages/s'))).toBeGreaterThan(0);
    expect(numberIn(aeron('messages'))).toBe(5000); // every message arrived
    const floor = rowOf(throughput, FLOOR);
    expect([floor('message'), floor('mtu')]).toEqual(['1 KiB', '1408']);
    // Bare UDP has no flow control: some datagrams may be lost, but not all, and never more than sent.
    expect(numberIn(floor('messages'))).toBeGreaterThan(0);
    expect(numberIn(floor('messages'))).toBeLessThanOrEqual(5000);
    expect(numberIn(floor('pub CPU µs/msg'))).toBeGreaterThan(0);
    expect(result.stdout).toMatch(/bare node:dgram \(floor\): 5,000 datagrams of 1056 B sent/);

    const roundTrips = tableWith(result.stdout, 'round trips');
    expect(roundTrips.column('transport')).toEqual([AERON, FLOOR]);
    for (const transport of [AERON, FLOOR]) {
      const rtt = rowOf(roundTrips, transport);
      expect(numberIn(rtt('round trips'))).toBe(1000);
      const [p50, p90, p99] = ['p50 µs', 'p90 µs', 'p99 µs'].map((c) => numberIn(rtt(c)));
      expect(p50).toBeGreaterThan(0);
      expect(p90).toBeGreaterThanOrEqual(p50!);
      expect(p99).toBeGreaterThanOrEqual(p90!);
    }
    expect(result.stdout).toContain('Aeron C → C, 1 KiB, MTU 1408, through aeronmd: not run');
  }, 160_000);

  it('refuses an argument it does not know, with exit code 2', () => {
    const result = run(['--fast']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown argument "--fast"');
  }, 60_000);
});
