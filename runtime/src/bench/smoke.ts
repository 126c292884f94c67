/**
 * For the smoke tests: runs a bench (or any program) in a child process, without blocking the
 * test's thread, and returns what it printed with the Markdown tables read back. A run that
 * outlives `timeoutMs` is killed and reported, so a hung bench fails its test instead of hanging it.
 */
import { spawn } from 'node:child_process';
import { type ParsedTable, parseTables } from './table.ts';

export interface ProgramRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
  readonly timedOut: boolean;
  readonly tables: ParsedTable[];
}

export interface RunOptions {
  readonly cwd: string;
  readonly timeoutMs?: number;
  readonly env?: Record<string, string>;
}

/** Runs `command` with `args` (no shell) in `cwd` and waits for it to exit. */
export function runProgram(
  command: string,
  args: readonly string[],
  options: RunOptions,
): Promise<ProgramRun> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      // A process group of its own: a timeout kills npm and everything under it, whose open
      // pipes would otherwise keep this run from ever ending.
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-(child.pid as number), 'SIGKILL');
      } catch {
        child.kill('SIGKILL'); // the group is gone already
      }
    }, options.timeoutMs ?? 60_000);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code,
        signal,
        stdout,
        stderr,
        seconds: (performance.now() - started) / 1000,
        timedOut,
        tables: parseTables(stdout),
      });
    });
  });
}

/** What to print when a run's assertions fail: how it ended and the tail of both streams. */
export function describeRun(run: ProgramRun): string {
  const tail = (s: string) => s.split('\n').slice(-40).join('\n');
  return [
    `exit ${run.code}${run.signal ? ` (${run.signal})` : ''}${run.timedOut ? ', killed: timed out' : ''} after ${run.seconds.toFixed(1)} s`,
    `--- stdout (tail) ---\n${tail(run.stdout)}`,
    `--- stderr (tail) ---\n${tail(run.stderr)}`,
  ].join('\n');
}
