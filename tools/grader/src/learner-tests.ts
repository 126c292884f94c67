/**
 * Grades a test the learner wrote: runs the learner's test file against the real module it
 * tests (it must pass) and against buggy stand-ins of that module (each must make it fail).
 * One vitest run, one project per stand-in. For exercises where the task is to write a test.
 */
import { relative, resolve } from 'node:path';
import { plainFailure } from './report.ts';
import { runVitestConfig } from './vitest-run.ts';

export interface LearnerTestOptions {
  readonly lessonDir: string;
  /** The learner's test file (absolute). */
  readonly specFile: string;
  /** The module under test (absolute), as the learner's test reaches it (directly or not). */
  readonly subject: string;
  /** Name of each run and the file that stands in for the subject; null runs the real subject. */
  readonly standIns: Readonly<Record<string, string | null>>;
  /** Per-test timeout inside the learner's test (default 20 s). */
  readonly testTimeoutMs?: number;
}

export interface LearnerTestRun {
  /** True when at least one test ran and every one passed. */
  readonly passed: boolean;
  /** How many tests of the learner's file ran. */
  readonly tests: number;
  /** `<test name>: <first line of the failure>`, or why nothing ran; null when it passed. */
  readonly firstFailure: string | null;
}

export async function runLearnerTests(options: LearnerTestOptions): Promise<Record<string, LearnerTestRun>> {
  const lessonDir = resolve(options.lessonDir);
  const names = Object.keys(options.standIns);
  const plugin = resolve(import.meta.dirname, 'learner-plugin.js');
  const projects = names.map((name) => ({ name, replacement: options.standIns[name] ?? null }));
  const config = [
    `import { swapModule } from ${JSON.stringify(plugin)};`,
    `const projects = ${JSON.stringify(projects)};`,
    'export default {',
    `  root: ${JSON.stringify(lessonDir)},`,
    '  test: {',
    '    projects: projects.map((p) => ({',
    `      plugins: [swapModule(${JSON.stringify(resolve(options.subject))}, p.replacement)],`,
    `      test: { name: p.name, root: ${JSON.stringify(lessonDir)}, include: [${JSON.stringify(relative(lessonDir, options.specFile))}], testTimeout: ${options.testTimeoutMs ?? 20_000} },`,
    '    })),',
    '  },',
    '};',
    '',
  ].join('\n');
  const run = await runVitestConfig(lessonDir, config);
  const out: Record<string, LearnerTestRun> = {};
  for (const name of names) {
    const files = run.results[name]?.testResults ?? [];
    const tests = files.flatMap((f) => f.assertionResults);
    const loadError = files.find((f) => f.assertionResults.length === 0 && f.status !== 'passed');
    const failed = tests.find((t) => t.status !== 'passed');
    const firstFailure = loadError
      ? `your test file did not run: ${plainFailure(loadError.message || 'failed to load')}`
      : failed
        ? `${failed.fullName}: ${plainFailure(failed.failureMessages[0] ?? failed.status)}`
        : tests.length === 0
          ? run.results[name]
            ? 'your test file has no test'
            : `no results: ${plainFailure(run.output || 'vitest did not start')}`
          : null;
    out[name] = { passed: firstFailure === null, tests: tests.length, firstFailure };
  }
  return out;
}

/** For the graded test: throws, in plain words, unless the learner's test passed on this run. */
export function expectPasses(run: LearnerTestRun | undefined, on: string): void {
  if (!run) throw new Error(`your test did not run on ${on}`);
  if (!run.passed) throw new Error(`your test should pass on ${on}, but: ${run.firstFailure}`);
}

/** For the graded test: throws, in plain words, unless the learner's test failed on this buggy stand-in. */
export function expectCatches(run: LearnerTestRun | undefined, bug: string): void {
  if (!run) throw new Error(`your test did not run on ${bug}`);
  if (run.tests === 0) throw new Error(`your test did not run on ${bug}: ${run.firstFailure}`);
  if (run.passed) throw new Error(`your test passed on ${bug}: it should fail there`);
}
