/** Renders a grade as a readable table for the terminal, then the first failure of each exercise in full. */
import type { GradeSummary } from './report.ts';

export function renderTable(summary: GradeSummary): string {
  const withHints = summary.exercises.some((e) => e.hintsOpened > 0);
  const rows = summary.exercises.map((e) => [
    e.id,
    e.passed ? 'PASS' : 'FAIL',
    ...(withHints ? [String(e.hintsOpened)] : []),
    e.title,
  ]);
  const head = ['exercise', 'result', ...(withHints ? ['hints'] : []), 'title'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const failures = summary.exercises
    .filter((e) => e.firstFailure)
    .map((e) => `  ${e.id}\n    ${e.firstFailure}`);
  const hints = summary.exercises.reduce((n, e) => n + e.hintsOpened, 0);
  return [
    `Lesson ${summary.lesson}`,
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    ...(failures.length ? ['', 'First failing expectation:', ...failures] : []),
    '',
    `Score: ${summary.passed}/${summary.total} exercises passed (${summary.score}%)` +
      (hints ? `, ${hints} hint${hints === 1 ? '' : 's'} opened` : ''),
    ...(summary.passed < summary.total
      ? ['Stuck? `npm test -- --hint <exercise>` shows the next hint.']
      : []),
  ].join('\n');
}
