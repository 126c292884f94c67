/**
 * The project an engine runs: the runtime, the grader and the lesson, with the learner's edits laid
 * over the lesson's files. Paths are POSIX, relative to the project root.
 */
import type { LessonBundle } from '../../shared/lesson.ts';

export type FlatFiles = Record<string, string>;

/** The WebContainer mount format. */
export interface DirectoryNode {
  directory: FileTree;
}
export interface FileNode {
  file: { contents: string };
}
export type FileTree = { [name: string]: DirectoryNode | FileNode };

export const TOOL_VERSIONS = { tsx: '4.23.15', vite: '7.3.8', vitest: '4.1.12' } as const;

/** The lesson with edits applied; only editable files may be overridden. */
export function lessonFiles(bundle: LessonBundle, edits: Readonly<Record<string, string>>): FlatFiles {
  const out: FlatFiles = {};
  for (const file of bundle.files) {
    const edit = edits[file.path];
    out[file.path] = file.editable && typeof edit === 'string' ? edit : file.content;
  }
  return out;
}

/**
 * The build's compiled program modules (`LessonBundle.browserModules`) of the files the learner
 * has not changed: a changed file is compiled from the learner's text.
 */
export function unchangedProgramModules(bundle: LessonBundle, files: FlatFiles): FlatFiles {
  const out: FlatFiles = {};
  const shipped = new Map(bundle.files.map((f) => [f.path, f.content]));
  for (const [path, code] of Object.entries(bundle.browserModules ?? {}))
    if (files[path] !== undefined && files[path] === shipped.get(path)) out[path] = code;
  return out;
}

/** A whole workspace: root package.json, runtime, grader and one lesson under `lessons/<id>/`. */
export function projectFiles(
  bundle: LessonBundle,
  edits: Readonly<Record<string, string>>,
  support: FlatFiles,
): FlatFiles {
  const lessonDir = `lessons/${bundle.lesson.id}`;
  const out: FlatFiles = { ...support };
  for (const [path, content] of Object.entries(lessonFiles(bundle, edits)))
    out[`${lessonDir}/${path}`] = content;
  out['package.json'] = `${JSON.stringify(
    {
      name: 'steady-course-sandbox',
      private: true,
      type: 'module',
      workspaces: ['runtime', 'tools/grader', lessonDir],
      devDependencies: { ...TOOL_VERSIONS },
    },
    null,
    2,
  )}\n`;
  return out;
}

/** Turns flat paths into the nested tree `WebContainer.mount` takes. */
export function buildFileTree(files: FlatFiles): FileTree {
  const root: FileTree = {};
  for (const [path, contents] of Object.entries(files)) {
    const segments = path.split('/');
    if (segments.some((s) => s === '' || s === '.' || s === '..'))
      throw new Error(`bad path in project: ${path}`);
    let dir = root;
    for (const segment of segments.slice(0, -1)) {
      const node = dir[segment];
      if (node && 'file' in node) throw new Error(`${path}: ${segment} is both a file and a folder`);
      if (!node) dir[segment] = { directory: {} };
      dir = (dir[segment] as DirectoryNode).directory;
    }
    const name = segments[segments.length - 1]!;
    if (dir[name] && 'directory' in (dir[name] as object))
      throw new Error(`${path} is both a file and a folder`);
    dir[name] = { file: { contents } };
  }
  return root;
}

/** Files whose content differs from the lesson's (what native mode sends). */
export function changedEdits(
  bundle: LessonBundle,
  edits: Readonly<Record<string, string>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const file of bundle.files) {
    const edit = edits[file.path];
    if (file.editable && typeof edit === 'string' && edit !== file.content) out[file.path] = edit;
  }
  return out;
}
