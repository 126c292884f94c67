/**
 * Reads the lessons where they live (`lessons/NN-name/`): the site never copies them. Lessons are
 * discovered by listing the folder, so lessons added later appear without touching the site.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type ExerciseInfo,
  isEditableRole,
  type LessonBundle,
  type LessonFile,
  type LessonInfo,
  roleOf,
} from '../shared/lesson.ts';

/** The repository root (site/src/node → ../../..). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const LESSONS_DIR = join(REPO_ROOT, 'lessons');

const LESSON_DIR = /^(\d\d)-([a-z0-9-]+)$/;
const SKIP = new Set(['node_modules', 'dist', 'coverage', 'reports']);
/**
 * A lesson's folders for its maintainers, not its learners: `docs/` holds the README's pictures
 * (shown on the page, see lesson-assets.ts), `scripts/` what makes them (e.g. a screenshot taken
 * with Chromium). Neither runs in the playground or the working copy.
 */
const MAINTAINER_FOLDERS = new Set(['docs', 'scripts']);
const MAX_FILE_SIZE = 256 * 1024;

/** The ids of the lessons, in order: every `lessons/NN-name/` with a package.json. */
export function listLessonIds(lessonsDir = LESSONS_DIR): string[] {
  if (!existsSync(lessonsDir)) return [];
  return readdirSync(lessonsDir, { withFileTypes: true })
    .filter(
      (e) =>
        e.isDirectory() && LESSON_DIR.test(e.name) && existsSync(join(lessonsDir, e.name, 'package.json')),
    )
    .map((e) => e.name)
    .sort();
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Text a learner can read and edit: valid UTF-8 without NUL bytes (a picture or an archive is neither). */
export function isText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The text files under `dir` (no hidden files, no build output, nothing over 256 kB), sorted. */
function listTextFiles(dir: string, skipAtTop: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || SKIP.has(entry.name)) continue;
      if (current === dir && skipAtTop.has(entry.name)) continue;
      const full = join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && statSync(full).size < MAX_FILE_SIZE && isText(readFileSync(full)))
        out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * Every file of a lesson that belongs to the project the learner runs, sorted: text only, without
 * node_modules, hidden files, or the maintainers' `docs/` and `scripts/`.
 */
export function listLessonFiles(lessonDir: string): string[] {
  return listTextFiles(lessonDir, MAINTAINER_FOLDERS);
}

export function readTitle(markdown: string): string | undefined {
  const heading = markdown.split('\n').find((line) => line.startsWith('# '));
  return heading?.slice(2).trim();
}

/** The first paragraph after the title: the lesson's one-line summary. */
function readSummary(markdown: string): string {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l.startsWith('# ')) + 1;
  const paragraph: string[] = [];
  for (const line of lines.slice(start)) {
    if (!line.trim()) {
      if (paragraph.length) break;
      continue;
    }
    if (/^(#|```|\|)/.test(line)) break;
    paragraph.push(line.trim());
  }
  return paragraph.join(' ');
}

/** The first `npm start -- <args>` example of the README: what Run offers by default. */
export function exampleArgs(readme: string): string {
  return /npm start -- ([^\n#`]+)/.exec(readme)?.[1]?.trim() ?? '';
}

/**
 * A test that imports a Node module the browser has no stand-in for (it has `node:url` and
 * `node:worker_threads`) grades natively only. One that grades the learner's own test
 * (`@steady/grader/learner-tests`) runs in the page: the test kit has its own version.
 */
const NEEDS_NODE = /\bfrom\s+['"](node:(?!url['"]|worker_threads['"])[a-z_/]+)['"]/;

/**
 * Why an exercise grades in native mode only, or undefined when a browser can grade it: what its
 * tests import, or its lesson's need for real sockets unless the lesson lists it in
 * `"browserExercises"`.
 */
export function nativeReasonOf(
  testSources: readonly string[],
  lessonNeedsSockets: boolean,
  listedForBrowser: boolean,
): string | undefined {
  for (const source of testSources) {
    const needed = NEEDS_NODE.exec(source)?.[1];
    if (needed) return `its test uses Node's ${needed}`;
  }
  return lessonNeedsSockets && !listedForBrowser ? 'it needs real UDP sockets' : undefined;
}

/** What a lesson's program starts with when its start script names no file. */
const DEFAULT_ENTRY = 'src/main.ts';

/** The file a lesson's start script runs: the last `.ts` file it names, `src/main.ts` if it names none. */
function programEntry(id: string, pkg: LessonPackage, files: readonly string[]): string {
  const named = [...(pkg.scripts?.start ?? '').matchAll(/(\S+\.ts)(?=\s|$)/g)].at(-1)?.[1];
  if (named === undefined) return DEFAULT_ENTRY;
  if (!files.includes(named))
    throw new Error(`${id}/package.json: its start script runs ${named}, which is not a file of the lesson`);
  return named;
}

interface LessonPackage {
  description?: string;
  scripts?: Record<string, string>;
  course?: { requiresNative?: boolean; defaultArgs?: string; browserExercises?: string[] };
}

export function readLessonInfo(id: string, lessonsDir = LESSONS_DIR): LessonInfo {
  const dir = join(lessonsDir, id);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as LessonPackage;
  const readmePath = join(dir, 'README.md');
  const readme = existsSync(readmePath) ? readFileSync(readmePath, 'utf8') : '';
  const [, number = '0', name = id] = LESSON_DIR.exec(id) ?? [];
  const files = listLessonFiles(dir);
  const requiresNative = pkg.course?.requiresNative === true;
  const forBrowser = pkg.course?.browserExercises ?? [];
  if (!Array.isArray(forBrowser) || !forBrowser.every((e) => typeof e === 'string'))
    throw new Error(`${id}/package.json: "course.browserExercises" must be a list of exercise folder names`);
  const exercises: ExerciseInfo[] = [];
  const exercisesDir = join(dir, 'exercises');
  if (existsSync(exercisesDir)) {
    for (const exercise of readdirSync(exercisesDir)
      .filter((e) => /^\d+-/.test(e))
      .sort()) {
      const exReadme = join(exercisesDir, exercise, 'README.md');
      const tests = files.filter((f) => f.startsWith(`exercises/${exercise}/`) && roleOf(f) === 'test');
      const nativeReason = nativeReasonOf(
        tests.map((f) => readFileSync(join(dir, f), 'utf8')),
        requiresNative,
        forBrowser.includes(exercise),
      );
      exercises.push({
        id: exercise,
        title: (existsSync(exReadme) && readTitle(readFileSync(exReadme, 'utf8'))) || exercise,
        workingFiles: files.filter((f) => f.startsWith(`exercises/${exercise}/`) && roleOf(f) === 'exercise'),
        ...(nativeReason ? { nativeReason } : {}),
      });
    }
  }
  const unknown = forBrowser.filter((id) => !exercises.some((e) => e.id === id));
  if (unknown.length > 0)
    throw new Error(
      `${id}/package.json: "course.browserExercises" names no exercise of the lesson: ${unknown.join(', ')}`,
    );
  return {
    id,
    number: Number(number),
    name,
    title: readTitle(readme) ?? pkg.description ?? id,
    summary: readSummary(readme) || pkg.description || '',
    requiresNative,
    defaultArgs: pkg.course?.defaultArgs ?? exampleArgs(readme),
    entry: programEntry(id, pkg, files),
    exercises,
  };
}

export function readLessonBundle(id: string, lessonsDir = LESSONS_DIR): LessonBundle {
  const dir = join(lessonsDir, id);
  const files: LessonFile[] = listLessonFiles(dir).map((path) => {
    const role = roleOf(path);
    return { path, role, editable: isEditableRole(role), content: readFileSync(join(dir, path), 'utf8') };
  });
  return { lesson: readLessonInfo(id, lessonsDir), files };
}

export function readLessonReadme(id: string, lessonsDir = LESSONS_DIR): string {
  const path = join(lessonsDir, id, 'README.md');
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}

/** Sources the page needs besides the lesson: the runtime (types for Monaco) and the grader (mounted in WebContainers). */
export function readSupportFiles(root = REPO_ROOT): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pkg of ['runtime', 'tools/grader']) {
    const base = join(root, pkg);
    if (!existsSync(base)) continue;
    out[`${pkg}/package.json`] = readFileSync(join(base, 'package.json'), 'utf8');
    for (const sub of ['src', 'bin']) {
      if (!existsSync(join(base, sub))) continue;
      for (const file of listTextFiles(join(base, sub))) {
        out[`${pkg}/${sub}/${file}`] = readFileSync(join(base, sub, file), 'utf8');
      }
    }
  }
  return out;
}
