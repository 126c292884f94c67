/**
 * The Aeron bench in its smoke mode (`npx tsx runtime/bench/aeron.ts --smoke`): it must run end to
 * end — a publisher process, a subscriber process, a ping-pong pair — and print its tables with
 * every message counted. Nothing here is timed: the figures only have to be there.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BENCH = fileURLToPath(new URL('../../bench/aeron.ts', import.meta.url));

function run(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', BENCH, ...args], {
    encoding: 'utf8',
    timeout: 150_000,
    env: { ...process.env, AERON_BIN_DIR: '' },
  });
}

/** The data rows of the Markdown table whose header starts with `first`, as cells. */
function tableRows(text: string, first: string): string[][] {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.startsWith(`| ${first}`) || l.startsWith(`|${first}`));
  if (at < 0) throw new Error(`no table starting with "${first}" in:\n${text}`);
  const rows: string[][] = [];
  for (let i = at + 2; i < lines.length && lines[i]!.startsWith('|'); i++)
    rows.push(
      lines[i]!.split('|')
        .slice(1, -1)
        .map((c) => c.trim()),
    );
  return rows;
}

const number = (cell: string) => Number(cell.replaceAll(',', ''));

describe('runtime/bench/aeron.ts --smoke', () => {
  it('transfers 5,000 messages of 1 KiB between two processes and times 1,000 round trips', () => {
    const result = run(['--smoke']);
    expect(result.status, result.stderr).toBe(0);
    const [row] = tableRows(result.stdout, 'message');
    expect(row!.slice(0, 2)).toEqual(['1 KiB', '1408']);
    expect(number(row![2]!)).toBeGreaterThan(0); // messages/s
    expect(number(row![6]!)).toBe(5000); // every message arrived
    const [rtt] = tableRows(result.stdout, 'round trips');
    expect(number(rtt![0]!)).toBe(1000);
    const [p50, p90, p99] = rtt!.slice(1, 4).map(number);
    expect(p50).toBeGreaterThan(0);
    expect(p90).toBeGreaterThanOrEqual(p50!);
    expect(p99).toBeGreaterThanOrEqual(p90!);
    expect(result.stdout).toContain('Aeron C → C, 1 KiB, MTU 1408, through aeronmd: not run');
  }, 160_000);

  it('refuses an argument it does not know, with exit code 2', () => {
    const result = run(['--fast']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown argument "--fast"');
  }, 60_000);
});
