/** Runs a lesson's exercise tests with vitest and reads back its JSON results. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export type Variant = 'working' | 'solution';

/** The subset of vitest's JSON reporter output the grader reads. */
export interface VitestJson {
  readonly testResults: readonly {
    readonly name: string;
    readonly status: string;
    readonly message?: string;
    readonly assertionResults: readonly {
      readonly title: string;
      readonly fullName: string;
      readonly status: string;
      readonly failureMessages: readonly string[];
    }[];
  }[];
}

export interface VitestRun {
  readonly json: VitestJson | undefined;
  readonly exitCode: number | null;
  readonly output: string;
}

export async function runExerciseTests(
  lessonDir: string,
  options: { variant: Variant; junitFile?: string; filter?: string },
): Promise<VitestRun> {
  const vitest = join(
    dirname(createRequire(join(lessonDir, 'package.json')).resolve('vitest/package.json')),
    'vitest.mjs',
  );
  const scratch = mkdtempSync(join(tmpdir(), 'steady-grade-'));
  const jsonFile = join(scratch, 'results.json');
  const args = [vitest, 'run', '--reporter=json', `--outputFile.json=${jsonFile}`];
  if (options.junitFile) args.push('--reporter=junit', `--outputFile.junit=${options.junitFile}`);
  if (options.filter) args.push(options.filter);
  const env = {
    ...process.env,
    STEADY_GRADE: '1',
    STEADY_EXERCISE_VARIANT: options.variant === 'solution' ? 'solution' : '',
    FORCE_COLOR: '0',
  };
  const child = spawn(process.execPath, args, { cwd: lessonDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
  // The exit code alone is not trusted (inside browser sandboxes it can be wrong): the JSON decides.
  let json: VitestJson | undefined;
  try {
    json = JSON.parse(readFileSync(jsonFile, 'utf8')) as VitestJson;
  } catch {
    json = undefined;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return { json, exitCode, output };
}
