/**
 * The learner's working copy of a lesson (`.work/<lesson>/` at the repository root, gitignored): the
 * lesson's files, overlaid with the learner's edits. The only place the native runner writes to.
 * Writes refuse anything outside the lesson's editable files, path traversal and symlinks.
 */
import { existsSync, lstatSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { isEditableRole, roleOf } from '../shared/lesson.ts';
import { checkRelativePath } from '../shared/protocol.ts';
import { listLessonFiles, listLessonIds } from './lessons.ts';

export class RefusedError extends Error {
  override name = 'RefusedError';
}

/** Makes sure `dir` is a real directory (creating it if needed), never a symlink. */
function ensureRealDir(dir: string): void {
  if (!existsSync(dir)) {
    mkdirSync(dir);
    return;
  }
  const stat = lstatSync(dir);
  if (stat.isSymbolicLink() || !stat.isDirectory())
    throw new RefusedError(`${dir} is a symlink or not a folder`);
}

/** Writes `root/rel`, refusing symlinks on the way and anything that would land outside `root`. */
export function safeWrite(root: string, rel: string, content: string): void {
  const problem = checkRelativePath(rel);
  if (problem) throw new RefusedError(problem);
  const segments = rel.split('/');
  let dir = root;
  for (const segment of segments.slice(0, -1)) {
    dir = join(dir, segment);
    ensureRealDir(dir);
  }
  const target = join(root, rel);
  if (existsSync(target) || isDanglingLink(target)) {
    if (lstatSync(target).isSymbolicLink()) throw new RefusedError(`${rel} is a symlink`);
  }
  const realRoot = realpathSync(root);
  const realParent = realpathSync(dirname(target));
  const inside = relative(realRoot, realParent);
  if (inside.startsWith('..') || inside.split(sep).includes('..'))
    throw new RefusedError(`${rel} leaves the working copy`);
  writeFileSync(target, content);
}

function isDanglingLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

export class WorkingCopies {
  constructor(
    readonly lessonsDir: string,
    readonly workRoot: string,
  ) {}

  /** The working copy's folder, after checking the lesson is one of the course's. */
  dirOf(lesson: string): string {
    if (!listLessonIds(this.lessonsDir).includes(lesson))
      throw new RefusedError(`unknown lesson ${JSON.stringify(lesson)}`);
    return join(this.workRoot, lesson);
  }

  /** Refreshes the working copy from the lesson, then writes the learner's edits (editable files only). */
  prepare(lesson: string, edits: Readonly<Record<string, unknown>>): string {
    const dir = this.dirOf(lesson);
    const lessonDir = join(this.lessonsDir, lesson);
    const files = listLessonFiles(lessonDir);
    const known = new Set(files);
    for (const [path, content] of Object.entries(edits)) {
      const problem = checkRelativePath(path);
      if (problem) throw new RefusedError(problem);
      if (!known.has(path) || !isEditableRole(roleOf(path)))
        throw new RefusedError(`${path} is not an editable file of lesson ${lesson}`);
      if (typeof content !== 'string' || content.length > 512 * 1024)
        throw new RefusedError(`${path}: content must be text under 512 kB`);
    }
    if (!existsSync(this.workRoot)) mkdirSync(this.workRoot, { recursive: true });
    ensureRealDir(this.workRoot);
    ensureRealDir(dir);
    for (const path of files) {
      const edit = edits[path];
      safeWrite(dir, path, typeof edit === 'string' ? edit : readFileSync(join(lessonDir, path), 'utf8'));
    }
    ensureRealDir(join(dir, '.steady'));
    rmSync(join(dir, '.steady', 'grade.json'), { force: true });
    return dir;
  }
}
