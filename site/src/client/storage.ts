/**
 * What the browser keeps: the learner's edits per lesson (until reset), their progress (exercises
 * passed) and the last grade report of each lesson. `portable.ts` carries all of it to a file and back.
 */
import { type GradeSummary, parseGradeSummary } from '@steady/grader/report';

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const memory = new Map<string, string>();
const memoryStore: KeyValueStore = {
  getItem: (k) => memory.get(k) ?? null,
  setItem: (k, v) => void memory.set(k, v),
  removeItem: (k) => void memory.delete(k),
};

export function browserStore(): KeyValueStore {
  try {
    return globalThis.localStorage ?? memoryStore;
  } catch {
    return memoryStore; // storage disabled
  }
}

function readJson<T>(store: KeyValueStore, key: string, fallback: T): T {
  try {
    const text = store.getItem(key);
    return text ? (JSON.parse(text) as T) : fallback;
  } catch {
    return fallback;
  }
}

const EDITS = (lesson: string) => `steady.edits.v1.${lesson}`;
const LAST_GRADE = (lesson: string) => `steady.grade.v1.${lesson}`;

export class EditStore {
  constructor(
    private readonly lesson: string,
    private readonly store: KeyValueStore = browserStore(),
  ) {}

  all(): Record<string, string> {
    return readJson<Record<string, string>>(this.store, EDITS(this.lesson), {});
  }

  save(path: string, content: string, original: string): void {
    const edits = this.all();
    if (content === original) delete edits[path];
    else edits[path] = content;
    if (Object.keys(edits).length) this.store.setItem(EDITS(this.lesson), JSON.stringify(edits));
    else this.store.removeItem(EDITS(this.lesson));
  }

  reset(path: string): void {
    const edits = this.all();
    delete edits[path];
    this.store.setItem(EDITS(this.lesson), JSON.stringify(edits));
  }

  /** Forgets every edit of the lesson. */
  resetAll(): void {
    this.store.removeItem(EDITS(this.lesson));
  }

  /** Replaces the lesson's edits as a whole (an import). */
  replaceAll(edits: Readonly<Record<string, string>>): void {
    if (Object.keys(edits).length) this.store.setItem(EDITS(this.lesson), JSON.stringify(edits));
    else this.store.removeItem(EDITS(this.lesson));
  }
}

/** The last grade report of a lesson, as the grader wrote it, or undefined. */
export function loadLastGrade(
  lesson: string,
  store: KeyValueStore = browserStore(),
): GradeSummary | undefined {
  const text = store.getItem(LAST_GRADE(lesson));
  if (!text) return undefined;
  try {
    return parseGradeSummary(text);
  } catch {
    return undefined;
  }
}

export function saveLastGrade(summary: GradeSummary, store: KeyValueStore = browserStore()): void {
  store.setItem(LAST_GRADE(summary.lesson), JSON.stringify(summary));
}

export interface ExerciseProgress {
  readonly passed: boolean;
  readonly at: string;
}
export interface Progress {
  readonly version: 1;
  readonly lessons: Record<
    string,
    { readonly exercises: Record<string, ExerciseProgress>; readonly score?: number }
  >;
}

const PROGRESS = 'steady.progress.v1';
export const PROGRESS_EVENT = 'steady:progress';

export function emptyProgress(): Progress {
  return { version: 1, lessons: {} };
}

export function loadProgress(store: KeyValueStore = browserStore()): Progress {
  const progress = readJson<Progress>(store, PROGRESS, emptyProgress());
  return progress.version === 1 && typeof progress.lessons === 'object' ? progress : emptyProgress();
}

function saveProgress(progress: Progress, store: KeyValueStore): void {
  store.setItem(PROGRESS, JSON.stringify(progress));
  globalThis.dispatchEvent?.(new Event(PROGRESS_EVENT));
}

/**
 * A grade of some exercises only ("Test this exercise") folded into the lesson's last full grade:
 * those exercises' rows replace theirs, the others stay, and the totals are counted again. A grade
 * of every exercise, or one with nothing before it, is kept as it is.
 */
export function mergeGrade(previous: GradeSummary | undefined, latest: GradeSummary): GradeSummary {
  if (!previous || previous.lesson !== latest.lesson) return latest;
  const fresh = new Map(latest.exercises.map((e) => [e.id, e]));
  if (previous.exercises.every((e) => fresh.has(e.id))) return latest;
  const exercises = [
    ...previous.exercises.map((e) => fresh.get(e.id) ?? e),
    ...latest.exercises.filter((e) => !previous.exercises.some((p) => p.id === e.id)),
  ];
  const passed = exercises.filter((e) => e.passed).length;
  return {
    ...previous,
    passed,
    total: exercises.length,
    score: exercises.length === 0 ? 0 : Math.round((100 * passed) / exercises.length),
    exercises,
  };
}

/** Records a grading: a passed exercise stays passed (a later failing edit does not undo it). */
export function recordGrade(
  summary: GradeSummary,
  store: KeyValueStore = browserStore(),
  now = new Date(),
): Progress {
  const progress = loadProgress(store);
  const lesson = progress.lessons[summary.lesson] ?? { exercises: {} };
  const exercises = { ...lesson.exercises };
  for (const exercise of summary.exercises) {
    if (exercise.passed || !exercises[exercise.id]?.passed)
      exercises[exercise.id] = { passed: exercise.passed, at: now.toISOString() };
  }
  const whole = mergeGrade(loadLastGrade(summary.lesson, store), summary);
  const next: Progress = {
    version: 1,
    lessons: { ...progress.lessons, [summary.lesson]: { exercises, score: whole.score } },
  };
  saveLastGrade(whole, store);
  saveProgress(next, store);
  return next;
}

export function exportProgress(store: KeyValueStore = browserStore()): string {
  return `${JSON.stringify({ ...loadProgress(store), exportedAt: new Date().toISOString() }, null, 2)}\n`;
}

/** Merges an exported file into the stored progress; throws with a plain message when the file is not one. */
export function importProgress(text: string, store: KeyValueStore = browserStore()): Progress {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error('That file is not a progress export (not JSON).');
  }
  return mergeProgress(data, store);
}

/** Merges progress read from a file: a passed exercise stays passed, whichever side passed it. */
export function mergeProgress(data: unknown, store: KeyValueStore = browserStore()): Progress {
  const incoming = data as Partial<Progress>;
  if (incoming?.version !== 1 || typeof incoming.lessons !== 'object' || incoming.lessons === null)
    throw new Error('That file is not a progress export of this course.');
  const current = loadProgress(store);
  const lessons: Record<string, { exercises: Record<string, ExerciseProgress>; score?: number }> = {
    ...current.lessons,
  };
  for (const [lesson, value] of Object.entries(incoming.lessons)) {
    const exercises = { ...(lessons[lesson]?.exercises ?? {}) };
    for (const [id, ex] of Object.entries(value?.exercises ?? {})) {
      if (typeof ex?.passed !== 'boolean') continue;
      if (ex.passed || !exercises[id]?.passed) exercises[id] = { passed: ex.passed, at: String(ex.at ?? '') };
    }
    lessons[lesson] = { exercises };
  }
  const next: Progress = { version: 1, lessons };
  saveProgress(next, store);
  return next;
}
