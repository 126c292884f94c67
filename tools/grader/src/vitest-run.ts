/**
 * Runs a lesson's exercise tests with vitest and reads back the results, one vitest run for
 * any number of variants: each variant is a vitest project (its own module graph) whose
 * imports of the learner's files are redirected by `exerciseVariant({ variant })`. The
 * projects live in a config generated beside the lesson's own, which it extends.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FileResults } from './report.ts';

/** `working` (the learner's files), `solution`, or `wrong/<mistake>`. */
export type Variant = string;

/** The subset of vitest's JSON reporter output the grader reads (also what `results-reporter.js` writes). */
export interface VitestJson {
  readonly testResults: readonly FileResults[];
}

/** One variant to grade: a vitest project named `name`, over the given exercises (all when left out). */
export interface VariantProject {
  readonly name: string;
  readonly variant: Variant;
  readonly exercises?: readonly string[];
}

export interface VitestRun {
  /** Results per project name; a project missing here produced no results. */
  readonly results: Readonly<Record<string, VitestJson>>;
  readonly exitCode: number | null;
  readonly output: string;
}

const CONFIG_NAMES = ['vitest.config.ts', 'vitest.config.mts', 'vitest.config.js', 'vitest.config.mjs'];

/**
 * Test files run at once in every grading, cold and warm (the proof runs more: proof.ts). Most
 * exercise tests wait on timers and threads, so two overlap well even on two cores (vitest's
 * default there is one); more would only make every wait longer on a learner's loaded machine.
 * One value for both keeps a warm grade and a cold `npm test` under the same conditions.
 */
export const TEST_FILES_AT_ONCE = 2;

export function generatedConfig(lessonDir: string, projects: readonly VariantProject[]): string {
  const lessonConfig = CONFIG_NAMES.map((n) => join(lessonDir, n)).find((p) => existsSync(p));
  // Plain paths, not file URLs: vite bundles the config and follows paths, but leaves URLs to Node.
  const plugin = join(import.meta.dirname, 'vite-plugin.js');
  const watchdog = join(import.meta.dirname, 'starvation-watchdog.js');
  const specs = projects.map((p) => ({
    name: p.name,
    variant: p.variant,
    include: (p.exercises ?? ['*']).map((id) => `exercises/${id}/*.test.ts`),
  }));
  return [
    lessonConfig ? `import base from ${JSON.stringify(lessonConfig)};` : 'const base = {};',
    `import { exerciseVariant } from ${JSON.stringify(plugin)};`,
    `const projects = ${JSON.stringify(specs)};`,
    'export default {',
    '  ...base,',
    `  root: ${JSON.stringify(lessonDir)},`,
    '  test: {',
    '    ...base.test,',
    '    include: [],',
    // A learner's loop that never yields must end in a failure that says so, not in a grading that never ends.
    `    setupFiles: [base.test?.setupFiles ?? []].flat().concat(${JSON.stringify(watchdog)}),`,
    '    projects: projects.map((p) => ({',
    '      extends: true,',
    '      plugins: [exerciseVariant({ variant: p.variant })],',
    "      test: { name: p.name, include: p.include, env: { STEADY_EXERCISE_VARIANT: p.variant === 'working' ? '' : p.variant } },",
    '    })),',
    '  },',
    '};',
    '',
  ].join('\n');
}

export async function runVariants(
  lessonDir: string,
  projects: readonly VariantProject[],
  options: { junitFile?: string; filesAtOnce?: number } = {},
): Promise<VitestRun> {
  const extraArgs = options.junitFile ? ['--reporter=junit', `--outputFile.junit=${options.junitFile}`] : [];
  extraArgs.push(`--maxWorkers=${options.filesAtOnce ?? TEST_FILES_AT_ONCE}`);
  return runVitestConfig(lessonDir, generatedConfig(lessonDir, projects), extraArgs);
}

/**
 * Runs vitest once with the given config text (written beside the lesson, in its git-ignored
 * `.steady/`, so the lesson's own imports resolve) and reads the results of every project.
 */
export async function runVitestConfig(
  lessonDir: string,
  configText: string,
  extraArgs: readonly string[] = [],
): Promise<VitestRun> {
  const vitest = join(
    dirname(createRequire(join(lessonDir, 'package.json')).resolve('vitest/package.json')),
    'vitest.mjs',
  );
  mkdirSync(join(lessonDir, '.steady'), { recursive: true });
  const scratch = mkdtempSync(join(lessonDir, '.steady', 'grade-'));
  const resultsFile = join(scratch, 'results.json');
  // .mts: vite bundles a TypeScript config (following the lesson config's import); a .mjs one it would hand to Node.
  const configFile = join(scratch, 'vitest.variants.config.mts');
  writeFileSync(configFile, configText);
  const reporter = join(import.meta.dirname, 'results-reporter.js');
  const args = [
    vitest,
    'run',
    '--config',
    configFile,
    '--root',
    lessonDir,
    `--reporter=${reporter}`,
    ...extraArgs,
  ];
  // A run started from inside a test (a learner's test graded by an exercise) must not look like a vitest worker.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST')),
  );
  const env = {
    ...inherited,
    STEADY_GRADE: '1',
    STEADY_GRADE_RESULTS: resultsFile,
    // Each project names its own variant; the lesson config's plugin must not redirect on its own.
    STEADY_EXERCISE_VARIANT: '',
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
  // The exit code alone is not trusted (inside browser sandboxes it can be wrong): the results decide.
  let results: Record<string, VitestJson> = {};
  try {
    results = JSON.parse(readFileSync(resultsFile, 'utf8')) as Record<string, VitestJson>;
  } catch {
    results = {};
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return { results, exitCode, output };
}
