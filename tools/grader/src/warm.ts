/**
 * A warm grader: one vitest instance kept alive for a lesson, so grading again skips what a cold
 * `npm test` pays every time (npm, Node and the TypeScript loader starting, vitest reading its
 * config, transforming the runtime). Before each grading every file of the lesson is invalidated,
 * so an edit saved since the last one is always what runs. Results are the same as a cold run's:
 * the same generated config, the same reporter, the same summary.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createVitest, type Vitest } from 'vitest/node';
import { listExercises } from './exercises.ts';
import { readOpenedHints } from './hints.ts';
import { type GradeSummary, summarize } from './summary.ts';
import { generatedConfig, TEST_FILES_AT_ONCE, type VitestJson } from './vitest-run.ts';

const PROJECT = 'grade';

/** Every source file under `src/` and `exercises/` (what an edit can change). */
function lessonSources(dir: string): string[] {
  const out: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|js|json)$/.test(entry.name)) out.push(path);
    }
  };
  for (const top of ['src', 'exercises']) {
    try {
      walk(join(dir, top));
    } catch {
      // a lesson without that folder
    }
  }
  return out;
}

export class WarmGrader {
  private constructor(
    private readonly lessonDir: string,
    private readonly vitest: Vitest,
    private readonly scratch: string,
  ) {}

  static async open(lessonDir: string): Promise<WarmGrader> {
    // What a cold run's child gets in its environment (vitest-run.ts), set once for this process.
    process.env.STEADY_GRADE = '1';
    process.env.STEADY_EXERCISE_VARIANT = '';
    process.env.FORCE_COLOR = '0';
    mkdirSync(join(lessonDir, '.steady'), { recursive: true });
    const scratch = mkdtempSync(join(lessonDir, '.steady', 'warm-'));
    const config = join(scratch, 'vitest.variants.config.mts');
    writeFileSync(config, generatedConfig(lessonDir, [{ name: PROJECT, variant: 'working' }]));
    const vitest = await createVitest(
      'test',
      {
        config,
        root: lessonDir,
        watch: false,
        maxWorkers: TEST_FILES_AT_ONCE,
        reporters: [join(import.meta.dirname, 'results-reporter.js')],
      },
      { logLevel: 'silent' },
    );
    await vitest.standalone();
    const grader = new WarmGrader(lessonDir, vitest, scratch);
    await grader.warmTransforms();
    return grader;
  }

  /**
   * Transforms what the lesson's tests import, once, before the first grading. vitest's server
   * keeps a transform until its file is invalidated, and the first grading used to pay for the
   * runtime's modules (about 120): lesson 01's took 2.45-2.50 s against 1.55-1.70 for the next
   * ones; with this warm-up (0.65 s, while the learner still reads), 1.64-1.84. The lesson's own
   * files are transformed again at every grading anyway (see `grade`); modules of packages under
   * `node_modules` are not transformed by vitest at all.
   */
  private async warmTransforms(): Promise<void> {
    const server = this.vitest.projects[0]?.vite.environments.ssr;
    if (!server) return;
    const seen = new Set<string>();
    const visit = async (url: string): Promise<void> => {
      if (seen.has(url) || url.includes('/node_modules/')) return;
      seen.add(url);
      const result = await server.transformRequest(url).catch(() => null); // the grading reports it
      await Promise.all([...(result?.deps ?? []), ...(result?.dynamicDeps ?? [])].map(visit));
    };
    const specs = await this.vitest.globTestSpecifications();
    await Promise.all(specs.map((spec) => visit(spec.moduleId)));
  }

  /** Grades the lesson as it is on disk now (one exercise, or all). */
  async grade(only?: readonly string[]): Promise<GradeSummary> {
    for (const file of lessonSources(this.lessonDir)) this.vitest.invalidateFile(file);
    this.vitest.clearSpecificationsCache();
    const exercises = listExercises(this.lessonDir).filter((e) => !only || only.includes(e.id));
    const specs = (await this.vitest.globTestSpecifications()).filter((spec) =>
      exercises.some((e) => spec.moduleId.startsWith(`${e.dir}/`)),
    );
    const resultsFile = join(this.scratch, 'results.json');
    rmSync(resultsFile, { force: true });
    process.env.STEADY_GRADE_RESULTS = resultsFile;
    await this.vitest.runTestSpecifications(specs, true);
    let results: Record<string, VitestJson> = {};
    try {
      results = JSON.parse(readFileSync(resultsFile, 'utf8')) as Record<string, VitestJson>;
    } catch {
      results = {};
    }
    const opened = readOpenedHints(this.lessonDir);
    return summarize(this.lessonDir, exercises, results[PROJECT], '', (id) => opened[id] ?? 0);
  }

  async close(): Promise<void> {
    await this.vitest.close();
    rmSync(this.scratch, { recursive: true, force: true });
  }
}
