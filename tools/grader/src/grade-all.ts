/** `npm run grade` at the repository root: the score of every lesson at once. */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gradeLesson } from './grade.ts';
import { renderTable } from './table.ts';

const lessonsDir = resolve(import.meta.dirname, '../../../lessons');
const lessons = readdirSync(lessonsDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && /^\d\d-/.test(d.name))
  .map((d) => d.name)
  .sort();
let passed = 0;
let total = 0;
for (const lesson of lessons) {
  const summary = await gradeLesson(join(lessonsDir, lesson));
  console.log(`${renderTable(summary)}\n`);
  passed += summary.passed;
  total += summary.total;
}
console.log(`Course: ${passed}/${total} exercises passed across ${lessons.length} lessons`);
