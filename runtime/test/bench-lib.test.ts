/** The shared bench library: the tables the benches print are the tables the smoke tests read. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idleShare } from '../src/bench/idle.ts';
import {
  benchCommand,
  count,
  describeRun,
  fixed,
  formatTable,
  machineIdle,
  median,
  moduleProcessArgs,
  numberIn,
  onlyOption,
  parseTables,
  quantile,
  runProgram,
  TimeBudget,
} from '../src/bench/index.ts';
import { parseCommandLine, UsageError } from '../src/cli/command-line.ts';

describe('bench tables', () => {
  it('reads back what it prints: headers, rows, alignment rules, a | inside a cell', () => {
    const text = formatTable(
      [{ header: 'variant', align: 'left' }, 'M msg/s'],
      [
        ['zero copy', fixed(491.612)],
        ['a | b', fixed(Number.NaN)],
      ],
    );
    expect(text.split('\n')[1]).toBe('|:----------|--------:|');
    const [table, ...others] = parseTables(`before\n${text}\nafter`);
    expect(others).toEqual([]);
    expect(table?.header).toEqual(['variant', 'M msg/s']);
    expect(table?.column('variant')).toEqual(['zero copy', 'a ¦ b']);
    expect(table?.column('M msg/s')).toEqual(['491.61', '-']);
    expect(() => table?.column('nope')).toThrow('no column "nope"');
  });

  it('finds several tables in one output, and ignores | lines without a rule line', () => {
    const one = formatTable(['a'], [['1']]);
    const two = formatTable(['b', 'c'], [['2', '3']]);
    const tables = parseTables(`| not a table |\n${one}\ntext\n\n${two}\n`);
    expect(tables.map((t) => t.header)).toEqual([['a'], ['b', 'c']]);
  });

  it('reads the first number of a printed cell', () => {
    expect(numberIn('200,000,000')).toBe(200_000_000);
    expect(numberIn('0.0040x')).toBe(0.004);
    expect(numberIn('12.5 µs')).toBe(12.5);
    expect(numberIn('96 → 97 MB')).toBe(96);
    expect(numberIn('-')).toBeNaN();
    expect(numberIn('skipped')).toBeNaN();
    expect(count(1234567.4)).toBe('1,234,567');
  });
});

describe('bench statistics', () => {
  it('median of odd and even counts, NaN for none; nearest-rank quantiles', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quantile(sorted, 0.5)).toBe(51);
    expect(quantile(sorted, 0.99)).toBe(100);
    expect(quantile([], 0.5)).toBeNaN();
  });

  it('a time budget counts down and says when only the reserve is left', () => {
    const budget = new TimeBudget(60_000);
    expect(budget.exhausted()).toBe(false);
    expect(budget.exhausted(60_001)).toBe(true);
    expect(new TimeBudget(0).exhausted()).toBe(true);
  });

  it("an idle machine: the share of the cores' time idle between two readings, every core counted", () => {
    const times = (user: number, idle: number) => ({ user, nice: 0, sys: 0, idle, irq: 0 });
    const before = [times(100, 1000), times(100, 1000)];
    // Core 0 busy the whole window, core 1 idle: half the machine's time idle.
    expect(idleShare(before, [times(600, 1000), times(100, 1500)])).toBe(0.5);
    expect(idleShare(before, [times(100, 1500), times(100, 1500)])).toBe(1);
    expect(idleShare(before, [times(150, 1450), times(150, 1450)])).toBe(0.9);
    expect(idleShare(before, before)).toBe(1); // no time passed: nothing says it was busy
  });

  it('machineIdle gives up at its limit when the machine is never idle enough, and says so', async () => {
    const started = Date.now();
    expect(await machineIdle({ windowMs: 20, share: 1.01, limitMs: 100 })).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    expect(await machineIdle({ windowMs: 20, share: 0, limitMs: 1000 })).toBe(true);
  });
});

describe('bench command line', () => {
  it('every bench takes --smoke; an unknown option is a usage error (exit code 2)', () => {
    expect(parseCommandLine<{ smoke: boolean }>(benchCommand('b', 'd'), ['--smoke']).smoke).toBe(true);
    expect(parseCommandLine<{ smoke: boolean }>(benchCommand('b', 'd'), []).smoke).toBe(false);
    try {
      parseCommandLine(benchCommand('b', 'd'), ['--fast']);
      expect.unreachable('--fast was accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      expect((error as UsageError).exitCode).toBe(2);
    }
  });

  it("--only takes some of the bench's parts, comma-separated, and refuses one it does not have by name", () => {
    const command = () => onlyOption(benchCommand('b', 'd'), ['fast', 'slow'] as const, 'parts');
    expect(parseCommandLine<{ only?: string[] }>(command(), ['--only', 'slow,fast']).only).toEqual([
      'slow',
      'fast',
    ]);
    expect(parseCommandLine<{ only?: string[] }>(command(), []).only).toBeUndefined();
    expect(() => parseCommandLine(command(), ['--only', 'fast,quick'])).toThrow(
      /option '--only <parts>' argument 'fast,quick' is invalid\. "quick" is not one of fast, slow\./,
    );
  });
});

describe('bench child processes', () => {
  let folder: string;
  beforeAll(() => {
    // Inside the package (in its ignored .cache), so that the modules can import its dependencies.
    const cache = fileURLToPath(new URL('../.cache/', import.meta.url));
    mkdirSync(cache, { recursive: true });
    folder = mkdtempSync(join(cache, 'bench-process-'));
    const role = [
      "import { basename } from 'node:path';",
      'const [self, role, ...rest] = process.argv.slice(1);',
      'console.log(JSON.stringify({ self, role, rest, url: basename(import.meta.url) }));',
      '',
    ].join('\n');
    writeFileSync(join(folder, 'role.ts'), role);
    // A module with a CommonJS file of its own is not compiled: it runs through tsx.
    writeFileSync(join(folder, 'legacy.cjs'), 'module.exports = { legacy: true };\n');
    writeFileSync(
      join(folder, 'legacy-role.ts'),
      `import legacy from './legacy.cjs';\nvoid legacy;\n${role}`,
    );
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('run a module compiled, or through tsx when it cannot be; its argv[1] is the source file either way', async () => {
    for (const [name, loader] of [
      ['role.ts', '-e'],
      ['legacy-role.ts', 'tsx'],
    ] as const) {
      const file = join(folder, name);
      const args = await moduleProcessArgs(file);
      expect(args).toContain(loader);
      const run = await runProgram(process.execPath, [...args, 'ping', '7'], {
        cwd: folder,
        timeoutMs: 30_000,
      });
      expect(run.code, describeRun(run)).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual({ self: file, role: 'ping', rest: ['7'], url: name });
    }
  });
});
