/**
 * Your work in one file: the edits of every lesson, the progress, and the last grade report of each
 * lesson, exported as JSON and imported on another machine or browser. An import is checked as
 * strictly as the runner checks a page's message: known lessons, plain lesson-relative paths, text
 * under the runner's size limit, grade reports that parse. A bad file changes nothing.
 */
import { type GradeSummary, parseGradeSummary } from '@steady/grader/report';
import { checkRelativePath, MAX_FILE_BYTES } from '../shared/protocol.ts';
import {
  browserStore,
  EditStore,
  type KeyValueStore,
  loadLastGrade,
  loadProgress,
  mergeProgress,
  type Progress,
  saveLastGrade,
} from './storage.ts';

export const WORK_FORMAT = 'steady-course-work';
/** A larger file is refused before it is parsed. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export interface WorkFile {
  readonly format: typeof WORK_FORMAT;
  readonly version: 1;
  readonly exportedAt: string;
  readonly progress: Progress;
  /** Lesson id → lesson-relative path → the learner's content. */
  readonly edits: Record<string, Record<string, string>>;
  /** Lesson id → the last grade report. */
  readonly grades: Record<string, GradeSummary>;
}

export interface ImportOutcome {
  readonly lessons: number;
  readonly files: number;
  readonly grades: number;
}

export function exportWork(
  lessonIds: readonly string[],
  store: KeyValueStore = browserStore(),
  now = new Date(),
): string {
  const edits: Record<string, Record<string, string>> = {};
  const grades: Record<string, GradeSummary> = {};
  for (const lesson of lessonIds) {
    const lessonEdits = new EditStore(lesson, store).all();
    if (Object.keys(lessonEdits).length) edits[lesson] = lessonEdits;
    const grade = loadLastGrade(lesson, store);
    if (grade) grades[lesson] = grade;
  }
  const work: WorkFile = {
    format: WORK_FORMAT,
    version: 1,
    exportedAt: now.toISOString(),
    progress: loadProgress(store),
    edits,
    grades,
  };
  return `${JSON.stringify(work, null, 2)}\n`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The edits of one lesson from a file, checked; throws with the first problem in plain words. */
function checkedEdits(lesson: string, value: unknown): Record<string, string> {
  if (!isRecord(value)) throw new Error(`The edits of lesson ${lesson} are not a list of files.`);
  const out: Record<string, string> = {};
  for (const [path, content] of Object.entries(value)) {
    const problem = checkRelativePath(path);
    if (problem) throw new Error(`Lesson ${lesson}: ${problem}.`);
    if (typeof content !== 'string') throw new Error(`Lesson ${lesson}: ${path} is not text.`);
    if (new TextEncoder().encode(content).length > MAX_FILE_BYTES)
      throw new Error(`Lesson ${lesson}: ${path} is larger than ${MAX_FILE_BYTES / 1024} kB.`);
    out[path] = content;
  }
  return out;
}

/**
 * Reads an exported file and lays it over what this browser has: the file's edits replace the
 * lesson's edits, progress merges (a pass stays a pass), the file's grade reports replace the last
 * ones. Also takes a progress-only export of earlier versions. Everything is checked before
 * anything is written.
 */
export function importWork(
  text: string,
  lessonIds: readonly string[],
  store: KeyValueStore = browserStore(),
): ImportOutcome {
  if (text.length > MAX_IMPORT_BYTES)
    throw new Error('That file is too large to be an export of this course.');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error('That file is not an export of this course (not JSON).');
  }
  if (!isRecord(data)) throw new Error('That file is not an export of this course.');
  if (data.format === undefined && data.version === 1 && isRecord(data.lessons)) {
    mergeProgress(data, store); // a progress-only export
    return { lessons: Object.keys(data.lessons).length, files: 0, grades: 0 };
  }
  if (data.format !== WORK_FORMAT || data.version !== 1)
    throw new Error('That file is not an export of this course (or of a newer version of it).');

  const known = new Set(lessonIds);
  const edits: Record<string, Record<string, string>> = {};
  for (const [lesson, value] of Object.entries(isRecord(data.edits) ? data.edits : {})) {
    if (!known.has(lesson)) throw new Error(`The file has edits for an unknown lesson: ${lesson}.`);
    edits[lesson] = checkedEdits(lesson, value);
  }
  const grades: GradeSummary[] = [];
  for (const [lesson, value] of Object.entries(isRecord(data.grades) ? data.grades : {})) {
    if (!known.has(lesson)) throw new Error(`The file has a grade for an unknown lesson: ${lesson}.`);
    const grade = parseGradeSummary(JSON.stringify(value));
    if (grade.lesson !== lesson) throw new Error(`The grade filed under ${lesson} is for ${grade.lesson}.`);
    grades.push(grade);
  }
  const progress = data.progress;
  if (!isRecord(progress) || progress.version !== 1 || !isRecord(progress.lessons))
    throw new Error('The file has no progress of this course.');

  for (const [lesson, files] of Object.entries(edits)) new EditStore(lesson, store).replaceAll(files);
  for (const grade of grades) saveLastGrade(grade, store);
  mergeProgress(progress, store);
  return {
    lessons: new Set([...Object.keys(edits), ...grades.map((g) => g.lesson)]).size,
    files: Object.values(edits).reduce((n, files) => n + Object.keys(files).length, 0),
    grades: grades.length,
  };
}
