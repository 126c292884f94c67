/**
 * Hints on demand: `npm test -- --hint <exercise>` shows the next hint of an exercise, one at a
 * time. Hints live in `exercises/NN-slug/hints.md`, one `## ` heading each, vague first. Which
 * hints a learner opened is remembered in `.steady/hints.json` in the lesson folder (git-ignored),
 * and counted in the grade report.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ExerciseInfo } from './exercises.ts';

export interface Hint {
  readonly title: string;
  readonly body: string;
}

export class HintError extends Error {
  override name = 'HintError';
}

/** The hints of an exercise, in order; none when it has no `hints.md`. */
export function readHints(exerciseDir: string): Hint[] {
  const file = join(exerciseDir, 'hints.md');
  if (!existsSync(file)) return [];
  const hints: { title: string; lines: string[] }[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('## ')) hints.push({ title: line.slice(3).trim(), lines: [] });
    else hints.at(-1)?.lines.push(line);
  }
  return hints.map((h) => ({ title: h.title, body: h.lines.join('\n').trim() }));
}

export function hintStateFile(lessonDir: string): string {
  return join(lessonDir, '.steady', 'hints.json');
}

/** How many hints were opened per exercise id. */
export function readOpenedHints(lessonDir: string): Record<string, number> {
  const file = hintStateFile(lessonDir);
  if (!existsSync(file)) return {};
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new HintError(`${file} is not valid JSON (delete it to start counting hints again)`);
  }
  const opened = (data as { opened?: unknown } | null)?.opened;
  if (typeof opened !== 'object' || opened === null || Array.isArray(opened))
    throw new HintError(`${file} has no "opened" object (delete it to start counting hints again)`);
  const out: Record<string, number> = {};
  for (const [id, count] of Object.entries(opened)) {
    if (!Number.isInteger(count) || (count as number) < 0)
      throw new HintError(`${file}: "opened.${id}" must be a whole number >= 0`);
    out[id] = count as number;
  }
  return out;
}

/** Finds an exercise by id (`01-stop-after-beats`), number (`1`, `01`) or slug (`stop-after-beats`). */
export function findExercise(exercises: readonly ExerciseInfo[], query: string): ExerciseInfo {
  const q = query.trim();
  const found =
    exercises.find((e) => e.id === q) ??
    (/^\d+$/.test(q) ? exercises.find((e) => Number(e.id.split('-')[0]) === Number(q)) : undefined) ??
    exercises.find((e) => e.id.slice(e.id.indexOf('-') + 1) === q);
  if (!found)
    throw new HintError(
      `no exercise "${q}" in this lesson; try one of: ${exercises.map((e) => e.id).join(', ')}`,
    );
  return found;
}

export interface OpenedHint {
  readonly exercise: ExerciseInfo;
  readonly hint: Hint;
  /** 1-based number of the hint shown. */
  readonly number: number;
  readonly total: number;
  /** False when every hint was already open and the last one is shown again. */
  readonly isNew: boolean;
}

/** Opens the next hint of an exercise and remembers it. */
export function openNextHint(lessonDir: string, exercise: ExerciseInfo): OpenedHint {
  const hints = readHints(exercise.dir);
  if (hints.length === 0) throw new HintError(`exercise ${exercise.id} has no hints.md`);
  const opened = readOpenedHints(lessonDir);
  const already = Math.min(opened[exercise.id] ?? 0, hints.length);
  const isNew = already < hints.length;
  const number = isNew ? already + 1 : hints.length;
  if (isNew) {
    const file = hintStateFile(lessonDir);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify({ opened: { ...opened, [exercise.id]: number } }, null, 2)}\n`);
  }
  return { exercise, hint: hints[number - 1]!, number, total: hints.length, isNew };
}

export function renderHint(opened: OpenedHint): string {
  const remaining = opened.total - opened.number;
  const tail = opened.isNew
    ? remaining > 0
      ? `${remaining} more hint${remaining === 1 ? '' : 's'} left (run the same command again).`
      : 'That was the last hint.'
    : 'No more hints: that was the last one (shown again).';
  return [
    `Hint ${opened.number}/${opened.total} for ${opened.exercise.id}: ${opened.hint.title}`,
    '',
    opened.hint.body,
    '',
    tail,
  ].join('\n');
}
