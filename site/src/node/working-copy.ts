/**
 * The learner's working copy of a lesson (`.work/<lesson>/` at the repository root, gitignored): the
 * lesson's files, overlaid with the learner's edits. The only place the native runner writes to.
 * A page holds its copy while something it started runs there; a second page working on the same
 * lesson meanwhile gets a copy of its own (`.work/<lesson>.2/`), so neither runs or grades the
 * other's files, nor reads the other's report.
 * Edits outside the lesson's editable files and path traversal are refused. Lesson code runs in the
 * working copy and may damage it (a planted symlink, a removed folder, a folder where a file was):
 * every run repairs what it finds, never following a link, so one bad run does not break the lesson.
 */
import { lstatSync, mkdirSync, readFileSync, realpathSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { isEditableRole, roleOf } from '../shared/lesson.ts';
import { checkRelativePath } from '../shared/protocol.ts';
import { listLessonFiles, listLessonIds } from './lessons.ts';

export class RefusedError extends Error {
  override name = 'RefusedError';
}

/** What sits at `path`, without following a link. */
function kindAt(path: string): 'none' | 'link' | 'dir' | 'file' | 'other' {
  try {
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) return 'link';
    if (stat.isDirectory()) return 'dir';
    return stat.isFile() ? 'file' : 'other';
  } catch {
    return 'none';
  }
}

/** Removes what is at `path` without following it: a link goes, not what it points to. */
function removeInPlace(path: string): void {
  if (kindAt(path) === 'dir') rmSync(path, { recursive: true, force: true });
  else unlinkSync(path);
}

/** Makes `dir` a real directory: creates it, or replaces a link or a file standing in its place. */
function ensureRealDir(dir: string): void {
  const kind = kindAt(dir);
  if (kind === 'dir') return;
  if (kind !== 'none') removeInPlace(dir);
  mkdirSync(dir);
}

/** Writes `root/rel` as a plain file, replacing links on the way, never landing outside `root`. */
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
  const kind = kindAt(target);
  if (kind !== 'none' && kind !== 'file') removeInPlace(target);
  const realRoot = realpathSync(root);
  const realParent = realpathSync(dirname(target));
  const inside = relative(realRoot, realParent);
  if (inside.startsWith('..') || inside.split(sep).includes('..'))
    throw new RefusedError(`${rel} leaves the working copy`);
  writeFileSync(target, content);
}

export class WorkingCopies {
  /** Which page holds each copy (by folder) while something it started runs there. */
  private readonly holders = new Map<string, object>();

  constructor(
    readonly lessonsDir: string,
    readonly workRoot: string,
  ) {}

  /** The first copy of the lesson that no other page holds: `.work/<lesson>`, else `.work/<lesson>.2`, … */
  private copyFor(lesson: string, page: object): string {
    const base = this.dirOf(lesson);
    for (let n = 1; ; n++) {
      const dir = n === 1 ? base : `${base}.${n}`;
      const holder = this.holders.get(dir);
      if (holder === undefined || holder === page) return dir;
    }
  }

  /** The page's run has ended: its copy is free for any page again. */
  release(page: object): void {
    for (const [dir, holder] of this.holders) if (holder === page) this.holders.delete(dir);
  }

  /** The working copy's folder, after checking the lesson is one of the course's. */
  dirOf(lesson: string): string {
    if (!listLessonIds(this.lessonsDir).includes(lesson))
      throw new RefusedError(`unknown lesson ${JSON.stringify(lesson)}`);
    return join(this.workRoot, lesson);
  }

  /**
   * Refreshes a working copy from the lesson, then writes the learner's edits (editable files only);
   * `page` holds that copy until `release(page)`. Returns the copy's folder.
   */
  prepare(lesson: string, edits: Readonly<Record<string, unknown>>, page: object): string {
    const dir = this.copyFor(lesson, page);
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
    mkdirSync(dirname(this.workRoot), { recursive: true });
    ensureRealDir(this.workRoot);
    ensureRealDir(dir);
    for (const path of files) {
      const edit = edits[path];
      safeWrite(dir, path, typeof edit === 'string' ? edit : readFileSync(join(lessonDir, path), 'utf8'));
    }
    ensureRealDir(join(dir, '.steady'));
    rmSync(join(dir, '.steady', 'grade.json'), { force: true });
    this.release(page);
    this.holders.set(dir, page);
    return dir;
  }
}
