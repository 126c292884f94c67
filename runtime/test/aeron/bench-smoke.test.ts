/**
 * The Aeron bench's argument check. Its smoke run itself is part of `npm run bench -- --smoke`
 * (bench.test.ts, checked by fixtures/bench-smoke-output.ts): running it twice would only double
 * the time the suite spends on it.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BENCH = fileURLToPath(new URL('../../bench/aeron.ts', import.meta.url));

describe('runtime/bench/aeron.ts', () => {
  it('refuses an argument it does not know, with exit code 2', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', BENCH, '--fast'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("unknown option '--fast'");
  }, 60_000);

  it('says what it does and takes with --help, and exits 0', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', BENCH, '--help'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Usage: aeron \[options\][\s\S]*--smoke/);
  }, 60_000);
});
