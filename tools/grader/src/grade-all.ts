/**
 * `npm run grade` at the repository root: the score of every lesson at once; with `--class`,
 * a class's grade reports merged; with `--classroom`, a lesson's GitHub Classroom workflow.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { ClassReportError, classCsv, classTable, readClassReports } from './class-report.ts';
import { classroomWorkflow } from './classroom.ts';
import { listExercises } from './exercises.ts';
import { gradeLesson } from './grade.ts';
import { renderTable } from './table.ts';

const lessonsDir = resolve(import.meta.dirname, '../../../lessons');
const lessons = readdirSync(lessonsDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && /^\d\d-/.test(d.name))
  .map((d) => d.name)
  .sort();

const program = new Command('grade')
  .description(
    "Grades every lesson; or merges a class's grade reports; or prints a lesson's Classroom workflow.",
  )
  .option('--class <folder>', 'merge the JSON grade reports under <folder> into a CSV and a table')
  .option(
    '--csv <file>',
    'with --class: where to write the CSV (default: class-grades.csv in the current folder)',
  )
  .option('--classroom <lesson>', 'print the GitHub Classroom autograding workflow of a lesson')
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2));
program.parse();
const options = program.opts<{ class?: string; csv?: string; classroom?: string }>();

function fail(message: string): never {
  console.error(`grade: ${message}`);
  process.exit(2);
}

if (options.csv && !options.class) fail('--csv goes with --class <folder>');
if (options.class && options.classroom) fail('--class and --classroom are two different jobs: give one');

if (options.class) {
  try {
    const reports = readClassReports(resolve(options.class));
    const csvFile = resolve(options.csv ?? 'class-grades.csv');
    writeFileSync(csvFile, classCsv(reports));
    console.log(classTable(reports));
    console.log(
      `\n${reports.length} reports merged; CSV (a row per learner, lesson and exercise): ${csvFile}`,
    );
  } catch (error) {
    if (error instanceof ClassReportError) fail(error.message);
    throw error;
  }
} else if (options.classroom) {
  const lesson = lessons.find((l) => l === options.classroom || l.startsWith(`${options.classroom}-`));
  if (!lesson) fail(`no lesson "${options.classroom}"; try one of: ${lessons.join(', ')}`);
  const lessonDir = join(lessonsDir, lesson);
  process.stdout.write(classroomWorkflow(lesson, lessonDir, listExercises(lessonDir)));
} else {
  let passed = 0;
  let total = 0;
  for (const lesson of lessons) {
    const summary = await gradeLesson(join(lessonsDir, lesson));
    console.log(`${renderTable(summary)}\n`);
    passed += summary.passed;
    total += summary.total;
  }
  console.log(`Course: ${passed}/${total} exercises passed across ${lessons.length} lessons`);
}
