/** Renders a grade as a readable table for the terminal, then the first failure of each exercise in full. */
import type { GradeSummary } from './summary.ts';

export function renderTable(summary: GradeSummary): string {
  const rows = summary.exercises.map((e) => [e.id, e.passed ? 'PASS' : 'FAIL', e.title]);
  const head = ['exercise', 'result', 'title'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const failures = summary.exercises
    .filter((e) => e.firstFailure)
    .map((e) => `  ${e.id}\n    ${e.firstFailure}`);
  return [
    `Lesson ${summary.lesson}`,
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    ...(failures.length ? ['', 'First failing expectation:', ...failures] : []),
    '',
    `Score: ${summary.passed}/${summary.total} exercises passed (${summary.score}%)`,
  ].join('\n');
}
