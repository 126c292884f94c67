/** `steady-grade`: grades the exercises of the lesson in the current folder. */
import { Command, InvalidArgumentError } from 'commander';
import { gradeLesson } from './grade.ts';
import { renderTable } from './table.ts';
import type { Variant } from './vitest-run.ts';

const program = new Command('steady-grade')
  .description("Grades this lesson's exercises: a table, a score, and optional reports for classroom tools.")
  .option('--json <file>', 'also write a JSON summary to <file>')
  .option('--junit <file>', 'also write JUnit XML to <file>')
  .option(
    '--variant <which>',
    'grade the learner files ("working", default) or the reference solutions ("solution")',
    (v) => {
      if (v !== 'working' && v !== 'solution')
        throw new InvalidArgumentError('must be "working" or "solution".');
      return v as Variant;
    },
  )
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2));

program.parse();
const options = program.opts<{ json?: string; junit?: string; variant?: Variant }>();
const summary = await gradeLesson(process.cwd(), {
  ...(options.variant ? { variant: options.variant } : {}),
  ...(options.json ? { jsonFile: options.json } : {}),
  ...(options.junit ? { junitFile: options.junit } : {}),
});
console.log(renderTable(summary));
process.exitCode = summary.passed === summary.total && summary.total > 0 ? 0 : 1;
