/**
 * Proves a lesson's exercises. Two parts:
 * - content (no test run): hints.md with 2-3 hints, at least two well-formed wrong answers, no
 *   `**Hint:**` left in the README, and the transfer check;
 * - behaviour (one vitest run, every variant a project): the untouched starter fails, the
 *   solution passes three times with the same result each time, and every wrong answer fails
 *   with a first failure that contains its `failureIncludes`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { listExercises } from './exercises.ts';
import { gradeVariants } from './grade.ts';
import { readHints } from './hints.ts';
import type { ExerciseResult, GradeSummary } from './report.ts';
import { transferCheck } from './transfer.ts';
import type { VariantProject } from './vitest-run.ts';
import { readWrongAnswers, type WrongAnswer } from './wrong-answers.ts';

export const MIN_HINTS = 2;
export const MAX_HINTS = 3;
export const MIN_WRONG_ANSWERS = 2;
export const SOLUTION_RUNS = 3;

/** Content problems of every exercise of a lesson, one line each (`<exercise>: <problem>`). */
export function checkLessonContent(lessonDir: string): string[] {
  const problems: string[] = [];
  for (const exercise of listExercises(lessonDir)) {
    const say = (problem: string) => problems.push(`${exercise.id}: ${problem}`);
    const hints = readHints(exercise.dir);
    if (!existsSync(join(exercise.dir, 'hints.md'))) say('hints.md is missing');
    else if (hints.length < MIN_HINTS || hints.length > MAX_HINTS)
      say(`hints.md has ${hints.length} hints (\`## \` headings); ${MIN_HINTS}-${MAX_HINTS} expected`);
    for (const hint of hints) if (!hint.body) say(`hint "${hint.title}" has no text under its heading`);
    const readme = join(exercise.dir, 'README.md');
    if (existsSync(readme) && readFileSync(readme, 'utf8').includes('**Hint:**'))
      say('README.md still has a **Hint:** paragraph (hints go in hints.md)');
    const wrongProblems: string[] = [];
    const wrong = readWrongAnswers(exercise.dir, wrongProblems);
    for (const p of wrongProblems) say(p);
    if (wrong.length < MIN_WRONG_ANSWERS)
      say(
        `has ${wrong.length} well-formed wrong answer(s) in wrong/; at least ${MIN_WRONG_ANSWERS} expected`,
      );
    const transfer = transferCheck(lessonDir, exercise.dir);
    if (transfer.copiedFromSrc)
      say(
        `its answer is already in the lesson's src/ (every new solution line is there: "${transfer.answer[0]}", ...)`,
      );
  }
  return problems;
}

export interface LessonProof {
  readonly problems: string[];
  /** Wrong answers that failed as their mistake.json says. */
  readonly wrongRejected: number;
  readonly wrongTotal: number;
  readonly exercises: number;
}

/** The pass/fail pattern of a run, test by test: what must not change between runs of a solution. */
function fingerprint(exercise: ExerciseResult | undefined): string {
  return JSON.stringify(exercise?.tests.map((t) => [t.name, t.passed]) ?? null);
}

/**
 * Test files run at once in a proof, where a grading runs two (`TEST_FILES_AT_ONCE`). A proof runs
 * every variant, and most of their tests wait (restarts and their backoffs, wrong answers that fail
 * only when a wait runs out): lessons 02 and 03 together took 198 s at two, 151 s at four and 184 s
 * at six files at once, on two cores.
 */
export const PROOF_FILES_AT_ONCE = 4;

export async function proveLessonBehaviour(lessonDir: string): Promise<LessonProof> {
  const dir = resolve(lessonDir);
  const exercises = listExercises(dir);
  const wrongByExercise = new Map<string, WrongAnswer[]>(
    exercises.map((e) => [e.id, readWrongAnswers(e.dir)]),
  );
  const projects: VariantProject[] = [
    { name: 'starter', variant: 'working' },
    ...Array.from({ length: SOLUTION_RUNS }, (_, i) => ({ name: `solution-${i + 1}`, variant: 'solution' })),
  ];
  for (const [id, answers] of wrongByExercise)
    for (const answer of answers)
      projects.push({ name: `${id}/${answer.variant}`, variant: answer.variant, exercises: [id] });
  const summaries = await gradeVariants(dir, projects, { filesAtOnce: PROOF_FILES_AT_ONCE });
  const byName = new Map<string, GradeSummary>(projects.map((p, i) => [p.name, summaries[i]!]));
  const problems: string[] = [];
  let wrongRejected = 0;
  let wrongTotal = 0;
  for (const exercise of exercises) {
    const say = (problem: string) => problems.push(`${exercise.id}: ${problem}`);
    const find = (name: string) => byName.get(name)?.exercises.find((e) => e.id === exercise.id);
    if (find('starter')?.passed !== false) say('passes on its untouched starter (hollow exercise)');
    const runs = Array.from({ length: SOLUTION_RUNS }, (_, i) => find(`solution-${i + 1}`));
    const failedRun = runs.find((r) => !r?.passed);
    if (failedRun) say(`fails on its solution: ${failedRun.firstFailure}`);
    if (new Set(runs.map(fingerprint)).size > 1)
      say(
        `its solution does not give the same result in ${SOLUTION_RUNS} runs (${runs.map((r) => (r?.passed ? 'pass' : 'fail')).join(', ')})`,
      );
    for (const answer of wrongByExercise.get(exercise.id) ?? []) {
      wrongTotal += 1;
      const result = find(`${exercise.id}/${answer.variant}`);
      if (!result) say(`${answer.variant}: no result`);
      else if (result.passed) say(`${answer.variant} passes, yet it is a known mistake: ${answer.mistake}`);
      else if (!result.firstFailure?.includes(answer.failureIncludes))
        say(
          `${answer.variant} fails, but its first failure does not contain ${JSON.stringify(answer.failureIncludes)}: ${result.firstFailure}`,
        );
      else wrongRejected += 1;
    }
  }
  return { problems, wrongRejected, wrongTotal, exercises: exercises.length };
}
