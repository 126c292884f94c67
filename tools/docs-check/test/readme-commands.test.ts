/**
 * Every command a README.md or docs/*.md shows in a shell code block is proven to work: run
 * here with short arguments, covered by a named test, or marked in the document as not runnable
 * in CI with a reason. A command added to a document fails this suite until it is one of those.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripAnsi } from '@steady/grader/report';
import { freeUdpPort } from '@steady/runtime/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { type DocCommand, docCommands } from '../src/commands.ts';
import { COVERAGE, type ShortRun } from './coverage.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TABLE = 'tools/docs-check/test/coverage.ts';
const commands = docCommands(ROOT);
const keyOf = (c: DocCommand) => `${c.file}: ${c.command}`;

describe('commands shown in the docs', () => {
  it('finds the commands of the root README and of every lesson README', () => {
    const files = new Set(commands.map((c) => c.file));
    expect(files).toContain('README.md');
    for (const lesson of ['01-minimum', '02-standard', '03-robust', '04-performant', '05-distributed'])
      expect(files).toContain(`lessons/${lesson}/README.md`);
  });

  it('each is run here, covered by a named test, or marked "not run in CI" with a reason', () => {
    const problems: string[] = [];
    for (const c of commands) {
      if (c.notRunReason !== undefined) {
        if (!c.notRunReason)
          problems.push(
            `${c.file}:${c.line}: \`${c.command}\` is marked not run in CI without a reason: write why after "not run in CI:"`,
          );
        if (COVERAGE[keyOf(c)])
          problems.push(
            `${c.file}:${c.line}: \`${c.command}\` is marked not run in CI but ${TABLE} covers it: drop one of the two`,
          );
        continue;
      }
      if (!COVERAGE[keyOf(c)])
        problems.push(
          `${c.file}:${c.line}: \`${c.command}\` is run by no test. Add "${keyOf(c)}" to COVERAGE in ${TABLE} ` +
            '(a short-argument run, or the test that runs it), or put `<!-- not run in CI: why -->` right before its code block.',
        );
    }
    const shown = new Set(commands.map(keyOf));
    for (const key of Object.keys(COVERAGE))
      if (!shown.has(key))
        problems.push(`"${key}" in ${TABLE} is no longer shown in its document: update or remove the entry.`);
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('each pending program still lacks --smoke (else make its entry a short-argument run)', () => {
    for (const [key, coverage] of Object.entries(COVERAGE)) {
      if (!('pending' in coverage)) continue;
      const { file, reason } = coverage.pending;
      console.warn(`pending, not run: ${key} (${reason})`);
      expect(
        readFileSync(join(ROOT, file), 'utf8'),
        `${file} now has --smoke: run it for "${key}"`,
      ).not.toContain('--smoke');
    }
  });

  it('each named test still exists and still contains what it is said to run', () => {
    const missing: string[] = [];
    for (const [key, coverage] of Object.entries(COVERAGE)) {
      if (!('covered' in coverage)) continue;
      const { file, contains } = coverage.covered;
      const path = join(ROOT, file);
      if (!existsSync(path)) missing.push(`${key}: ${file} does not exist`);
      else if (!readFileSync(path, 'utf8').includes(contains))
        missing.push(`${key}: ${file} no longer contains "${contains}"`);
    }
    expect(missing, missing.join('\n')).toEqual([]);
  });
});

// -------------------------------------------------------------------------------------------
// The short-argument runs, each once even if several commands map to it.

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

async function expand(args: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const arg of args) {
    let value = arg;
    if (value.includes('{udpPort}')) value = value.replace('{udpPort}', String(await freeUdpPort()));
    if (value.includes('{tmp}')) {
      const dir = mkdtempSync(join(tmpdir(), 'docs-check-'));
      tempDirs.push(dir);
      value = value.replace('{tmp}', dir);
    }
    out.push(value);
  }
  return out;
}

interface Outcome {
  readonly code: number | null;
  readonly output: string;
  readonly stoppedAtLine: boolean;
}

/** Runs `run` to its end, or for a server until it prints its `until` line; a run that hangs is killed. */
async function execute(run: ShortRun, timeoutMs: number): Promise<Outcome> {
  const [command, ...args] = await expand(run.argv);
  return new Promise((resolve, reject) => {
    const child = spawn(command as string, args, {
      cwd: join(ROOT, run.cwd),
      env: { ...process.env, ...run.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group: stopping it stops npm and the program under it
    });
    let output = '';
    let stoppedAtLine = false;
    const stop = (signal: NodeJS.Signals) => {
      try {
        process.kill(-(child.pid as number), signal);
      } catch {
        // already gone
      }
    };
    const onData = (chunk: Buffer) => {
      output += chunk;
      // CI=true makes some tools colour their output (picocolors): match the text, not the escapes.
      if (run.until && !stoppedAtLine && run.until.test(stripAnsi(output))) {
        stoppedAtLine = true;
        stop('SIGTERM');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const timer = setTimeout(() => stop('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output: stripAnsi(output), stoppedAtLine });
    });
  });
}

const runs = [...new Set(Object.values(COVERAGE).flatMap((c) => ('run' in c ? [c.run] : [])))];

// Two at a time (vitest.config.ts): each is a whole program, and CI has two cores.
describe.concurrent('short-argument runs', () => {
  it.each(runs.map((r) => [r.name, r] as const))(
    '%s',
    async (_name, run) => {
      const outcome = await execute(run, 150_000);
      const shownAs = `${run.cwd}$ ${run.argv.join(' ')}\n${outcome.output.split('\n').slice(-40).join('\n')}`;
      if (run.until) expect(outcome.stoppedAtLine, `never printed ${run.until}:\n${shownAs}`).toBe(true);
      else expect(outcome.code, `exit code ${outcome.code}:\n${shownAs}`).toBe(0);
      expect(outcome.output, shownAs).toMatch(run.prints);
    },
    180_000,
  );
});
