/** What the site knows about a lesson: shared by the build (node) and the page (browser). */

/** How a file of the lesson shows in the playground. */
export type FileRole = 'source' | 'exercise' | 'test' | 'solution' | 'config' | 'text';

export interface LessonFile {
  /** POSIX path relative to the lesson folder, e.g. `src/actor/heartbeat.ts`. */
  readonly path: string;
  readonly content: string;
  readonly role: FileRole;
  /** The learner may change it (sources and exercise working files; never tests or solutions). */
  readonly editable: boolean;
}

export interface ExerciseInfo {
  /** Folder name, e.g. `01-stop-after-beats`. */
  readonly id: string;
  readonly title: string;
  /** The learner's working files, relative to the lesson folder. */
  readonly workingFiles: readonly string[];
  /**
   * Present when it grades in native mode only, and why, in the learner's words: its tests need
   * Node itself (they run vitest on a test the learner writes, or open `node:` modules), or its
   * lesson needs real sockets and does not list it among the exercises that grade in a browser.
   */
  readonly nativeReason?: string;
}

export interface LessonInfo {
  /** Folder name, e.g. `01-minimum`. */
  readonly id: string;
  readonly number: number;
  /** The path step: minimum, standard, robust, performant, distributed. */
  readonly name: string;
  readonly title: string;
  readonly summary: string;
  /**
   * Its program needs the learner's own machine (real UDP): `"course": { "requiresNative": true }`
   * in its package.json. Its exercises listed in `"browserExercises"` still grade in a browser.
   */
  readonly requiresNative: boolean;
  /** Default arguments offered for Run. */
  readonly defaultArgs: string;
  /** The file its `npm start` runs (`src/main.ts`, or lesson 05's `src/runner.ts`): what Run starts, and the editor opens first. */
  readonly entry: string;
  readonly exercises: readonly ExerciseInfo[];
}

export interface LessonBundle {
  readonly lesson: LessonInfo;
  readonly files: readonly LessonFile[];
  /**
   * The modules a Run of the lesson as shipped loads (`src/main.ts` and what it imports), compiled
   * for the browser engine when the site was built, by path: a learner's first Run compiles
   * nothing in the Service Worker. Only for files the learner has not changed.
   */
  readonly browserModules?: Readonly<Record<string, string>>;
}

/** The exercises of a lesson that a browser can grade, by folder number (`01`, `02`). */
export function browserExerciseNumbers(lesson: LessonInfo): string[] {
  return lesson.exercises.filter((e) => e.nativeReason === undefined).map((e) => e.id.replace(/-.*/, ''));
}

/** The solution of a working file: `exercises/NN/x.ts` → `exercises/NN/solution/x.ts`. */
export function solutionPathOf(workingFile: string): string {
  const slash = workingFile.lastIndexOf('/');
  return `${workingFile.slice(0, slash)}/solution/${workingFile.slice(slash + 1)}`;
}

/** The exercise a lesson-relative path belongs to, if any. */
export function exerciseOf(path: string): string | undefined {
  const match = /^exercises\/([^/]+)\//.exec(path);
  return match?.[1];
}

/** Classifies a lesson-relative path (the contract of the lesson layout). */
export function roleOf(path: string): FileRole {
  if (path.endsWith('.md')) return 'text';
  if (/^exercises\/[^/]+\/solution\//.test(path)) return 'solution';
  if (/\.test\.ts$/.test(path)) return 'test';
  if (/^exercises\/[^/]+\/[^/]+\.ts$/.test(path)) return 'exercise';
  if (/^src\/.+\.ts$/.test(path)) return 'source';
  return 'config';
}

/** Shown in the playground's file list: the learner's files and the tests (solutions on request only). */
export function isListedRole(role: FileRole): boolean {
  return role === 'source' || role === 'exercise' || role === 'test';
}

export function isEditableRole(role: FileRole): boolean {
  return role === 'source' || role === 'exercise';
}
