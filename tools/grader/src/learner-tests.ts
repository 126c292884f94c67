/**
 * Grades a test the learner wrote: runs the learner's test file against the real module it
 * tests (it must pass) and against buggy stand-ins of that module (each must make it fail).
 * One vitest run, one project per stand-in. For exercises where the task is to write a test.
 * Paths may be given as file URLs (`new URL('buggy/x.ts', import.meta.url)`): the same graded
 * test then runs in the course site's browser engine, whose `@steady/grader/learner-tests`
 * runs each stand-in in a test worker of its own (`site/src/client/browser/testkit/`).
 */
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type LearnerTestOptions,
  type LearnerTestRun,
  type Location,
  learnerTestRun,
} from './learner-test-results.ts';
import { runVitestConfig } from './vitest-run.ts';

export {
  expectCatches,
  expectPasses,
  type LearnerTestOptions,
  type LearnerTestRun,
} from './learner-test-results.ts';

const pathOf = (location: Location): string =>
  resolve(typeof location === 'string' ? location : fileURLToPath(location));

export async function runLearnerTests(options: LearnerTestOptions): Promise<Record<string, LearnerTestRun>> {
  const lessonDir = pathOf(options.lessonDir);
  const names = Object.keys(options.standIns);
  const plugin = resolve(import.meta.dirname, 'learner-plugin.js');
  const projects = names.map((name) => {
    const standIn = options.standIns[name];
    return { name, replacement: standIn ? pathOf(standIn) : null };
  });
  const config = [
    `import { swapModule } from ${JSON.stringify(plugin)};`,
    `const projects = ${JSON.stringify(projects)};`,
    'export default {',
    `  root: ${JSON.stringify(lessonDir)},`,
    '  test: {',
    '    projects: projects.map((p) => ({',
    `      plugins: [swapModule(${JSON.stringify(pathOf(options.subject))}, p.replacement)],`,
    `      test: { name: p.name, root: ${JSON.stringify(lessonDir)}, include: [${JSON.stringify(relative(lessonDir, pathOf(options.specFile)))}], testTimeout: ${options.testTimeoutMs ?? 20_000} },`,
    '    })),',
    '  },',
    '};',
    '',
  ].join('\n');
  const run = await runVitestConfig(lessonDir, config);
  return Object.fromEntries(
    names.map((name) => [name, learnerTestRun(run.results[name]?.testResults, run.output)]),
  );
}
