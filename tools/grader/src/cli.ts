/** `steady-grade`: grades the exercises of the lesson in the current folder. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { listExercises } from './exercises.ts';
import { gradeLesson } from './grade.ts';
import { findExercise, HintError, openNextHint, renderHint } from './hints.ts';
import { serve } from './serve.ts';
import { renderTable } from './table.ts';
import { isVariant } from './variant.js';
import { watchAndGrade } from './watch.ts';

const lessonDir = process.cwd();

const program = new Command('steady-grade')
  .description("Grades this lesson's exercises: a table, a score, and optional reports for classroom tools.")
  .option('--json <file>', 'also write a JSON summary to <file>')
  .option('--junit <file>', 'also write JUnit XML to <file>')
  .option('--exercise <id>', 'grade one exercise only (its id, number or slug); exit 0 only if it passes')
  .option('--hint <exercise>', 'show the next hint of an exercise (its id, number or slug), then stop')
  .option(
    '--learner <name>',
    "record who is graded in the JSON report (for merging a class's reports)",
    (v) => {
      if (!v.trim()) throw new InvalidArgumentError('must not be empty.');
      return v.trim();
    },
  )
  .option('--watch', 'grade again whenever a file of the lesson is saved')
  .option(
    '--serve',
    'stay running and grade on each JSON request read from standard input (for the course site)',
  )
  .option(
    '--variant <which>',
    'grade the learner files ("working", default), the reference solutions ("solution") or a known wrong answer ("wrong/<mistake>")',
    (v) => {
      if (!isVariant(v))
        throw new InvalidArgumentError('must be "working", "solution" or "wrong/<mistake-slug>".');
      return v;
    },
  )
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2));

program.parse();
const options = program.opts<{
  json?: string;
  junit?: string;
  exercise?: string;
  hint?: string;
  watch?: boolean;
  serve?: boolean;
  variant?: string;
  learner?: string;
}>();

function fail(message: string): never {
  console.error(`steady-grade: ${message}`);
  process.exit(2);
}

const exercises = listExercises(lessonDir);
if (exercises.length === 0) fail('no exercises here (run it in a lesson folder, where exercises/ is)');

try {
  if (options.hint !== undefined) {
    console.log(renderHint(openNextHint(lessonDir, findExercise(exercises, options.hint))));
    process.exit(0);
  }
  if (options.serve) {
    await serve(lessonDir, exercises);
    process.exit(0);
  }
  const only = options.exercise !== undefined ? [findExercise(exercises, options.exercise).id] : undefined;
  const wrong = options.variant?.startsWith('wrong/') ? options.variant : undefined;
  if (wrong && !exercises.some((e) => (!only || only.includes(e.id)) && existsSync(join(e.dir, wrong))))
    fail(`no exercise ${only ? `${only[0]} ` : ''}here has a wrong answer ${wrong}/`);
  const grade = async () =>
    gradeLesson(lessonDir, {
      ...(options.variant ? { variant: options.variant } : {}),
      ...(only ? { exercises: only } : {}),
      ...(options.json ? { jsonFile: options.json } : {}),
      ...(options.junit ? { junitFile: options.junit } : {}),
      ...(options.learner ? { learner: options.learner } : {}),
    });
  if (options.watch) {
    watchAndGrade(lessonDir, async () => renderTable(await grade()));
  } else {
    const summary = await grade();
    console.log(renderTable(summary));
    process.exitCode = summary.passed === summary.total && summary.total > 0 ? 0 : 1;
  }
} catch (error) {
  if (error instanceof HintError) fail(error.message);
  throw error;
}
