/**
 * `npm run grade -- --class <folder>`: many learners' grade reports (`npm test -- --json`) merged
 * into one CSV (a row per learner, lesson and exercise) and a short table (a row per learner).
 * Every report is checked; a malformed one is named with what is wrong with it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { GradeFormatError, type GradeSummary, parseGradeSummary } from './report.ts';

export interface LearnerReport {
  readonly learner: string;
  /** The file it came from, relative to the class folder. */
  readonly file: string;
  readonly summary: GradeSummary;
}

export class ClassReportError extends Error {
  override name = 'ClassReportError';
}

/**
 * Who a report belongs to: its `learner` field (`npm test -- --learner <name>`), else the first
 * folder under the class folder (`alice/01-minimum.json`), else the file name (`alice.json`).
 */
function learnerOf(file: string, summary: GradeSummary): string {
  if (summary.learner) return summary.learner;
  const parts = file.split(sep);
  return parts.length > 1 ? parts[0]! : basename(file, '.json');
}

function jsonFilesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.json'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** Reads every `*.json` report under `folder`; throws a ClassReportError listing every bad one. */
export function readClassReports(folder: string): LearnerReport[] {
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    throw new ClassReportError(`${folder} is not a folder of grade reports`);
  const files = jsonFilesUnder(folder);
  if (files.length === 0) throw new ClassReportError(`no grade reports (*.json) in ${folder}`);
  const reports: LearnerReport[] = [];
  const problems: string[] = [];
  for (const path of files) {
    const file = relative(folder, path);
    try {
      const summary = parseGradeSummary(readFileSync(path, 'utf8'));
      reports.push({ learner: learnerOf(file, summary), file, summary });
    } catch (error) {
      if (!(error instanceof GradeFormatError)) throw error;
      problems.push(`${file}: ${error.message}`);
    }
  }
  const seen = new Map<string, string>();
  for (const r of reports) {
    const key = `${r.learner}\u0000${r.summary.lesson}`;
    const other = seen.get(key);
    if (other)
      problems.push(`${r.file}: a second report of ${r.learner} for ${r.summary.lesson} (first: ${other})`);
    seen.set(key, r.file);
  }
  if (problems.length)
    throw new ClassReportError(`malformed grade reports, fix or remove them:\n  ${problems.join('\n  ')}`);
  return reports.sort(
    (a, b) => a.learner.localeCompare(b.learner) || a.summary.lesson.localeCompare(b.summary.lesson),
  );
}

function csvField(value: string | number | boolean): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One row per learner, lesson and exercise. */
export function classCsv(reports: readonly LearnerReport[]): string {
  const rows = [['learner', 'lesson', 'exercise', 'passed', 'hints_opened', 'first_failure']];
  for (const { learner, summary } of reports)
    for (const e of summary.exercises)
      rows.push([
        learner,
        summary.lesson,
        e.id,
        e.passed ? 'yes' : 'no',
        String(e.hintsOpened),
        e.firstFailure ?? '',
      ]);
  return `${rows.map((r) => r.map(csvField).join(',')).join('\n')}\n`;
}

/** One row per learner, one column per lesson: `passed/total` and the hints opened. */
export function classTable(reports: readonly LearnerReport[]): string {
  const lessons = [...new Set(reports.map((r) => r.summary.lesson))].sort();
  const learners = [...new Set(reports.map((r) => r.learner))].sort();
  const cell = (learner: string, lesson: string) => {
    const s = reports.find((r) => r.learner === learner && r.summary.lesson === lesson)?.summary;
    if (!s) return '-';
    const hints = s.exercises.reduce((n, e) => n + e.hintsOpened, 0);
    return `${s.passed}/${s.total}${hints ? ` (${hints} hint${hints === 1 ? '' : 's'})` : ''}`;
  };
  const rows = learners.map((l) => [l, ...lessons.map((lesson) => cell(l, lesson))]);
  const head = ['learner', ...lessons];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
