/** Helpers for testing a lesson as a program: its command line and a real run. */
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { UsageError } from '../cli/command-line.ts';

/** The UsageError that `parse` throws (fails the test if it accepts the arguments). */
export function usageErrorOf(parse: () => unknown): UsageError {
  try {
    parse();
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error('expected the command line to be refused, but it was accepted');
}

/**
 * Runs a lesson's entry (`src/main.ts` by default) with tsx in a child process, telemetry on an
 * ephemeral port so that runs never collide. Returns stdout, stderr and the exit status.
 */
export function runLessonProgram(
  lessonDir: string,
  args: readonly string[],
  options: { entry?: string; timeoutMs?: number; env?: Record<string, string> } = {},
): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ['--import', 'tsx', options.entry ?? 'src/main.ts', ...args], {
    cwd: lessonDir,
    encoding: 'utf8',
    env: { ...process.env, TELEMETRY_SERVER_PORT: '0', ...options.env },
    timeout: options.timeoutMs ?? 60_000,
  });
}
