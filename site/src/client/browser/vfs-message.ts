/**
 * What the page sends the Service Worker: a lesson's files as the learner has them, or a question
 * (has this worker been asked for nothing for a moment?). Both ends use these types; the Service
 * Worker checks every message with `checkVfsMessage` before acting on it.
 */
import { checkRelativePath } from '../../shared/protocol.ts';

export interface VfsWrite {
  readonly type: 'vfs-write';
  readonly lesson: string;
  /** Lesson-relative path → content: the whole lesson, edits applied. */
  readonly files: Readonly<Record<string, string>>;
  /**
   * `solution`: an exercise test's `./x.ts` is served from `./solution/x.ts` when that exists, as
   * the grader's `STEADY_EXERCISE_VARIANT=solution` does; `working` (the default): the learner's file.
   */
  readonly variant: 'working' | 'solution';
  /**
   * The files a Run or Test starts from (`src/main.ts`, the test files): they and what they import
   * are compiled before the answer, and only their compile errors reported. Every TypeScript file
   * when left out.
   */
  readonly entries?: readonly string[];
  /**
   * Files already compiled (the build's, of files as shipped: `LessonBundle.browserModules`), by
   * path: with the `working` variant, used for those files instead of compiling them.
   */
  readonly compiled?: Readonly<Record<string, string>>;
}

/**
 * Answered once this worker has been asked for no file for a moment (its background caching waits
 * for the same): the modules a Run loads have arrived, so the page may load its editor.
 */
export interface QuietQuestion {
  readonly type: 'when-quiet';
}

/** `errors`: the compiler's message for every TypeScript file of the lesson that does not compile. */
export type VfsReply =
  | { readonly ok: true; readonly errors: readonly string[] }
  | { readonly ok: false; readonly error: string };

const LESSON_ID = /^[0-9]{2}-[a-z0-9-]{1,40}$/;
const MAX_FILES = 500;
const MAX_BYTES = 8 * 1024 * 1024;

/** The message as a VfsWrite or a QuietQuestion, or a sentence saying why it is refused. */
export function checkVfsMessage(data: unknown): VfsWrite | QuietQuestion | string {
  if (typeof data !== 'object' || data === null) return 'not an object';
  const message = data as Record<string, unknown>;
  if (message.type === 'when-quiet') return { type: 'when-quiet' };
  if (message.type !== 'vfs-write') return `unknown message type ${JSON.stringify(message.type)}`;
  if (typeof message.lesson !== 'string' || !LESSON_ID.test(message.lesson))
    return `bad lesson id ${JSON.stringify(message.lesson)}`;
  const files = message.files;
  if (typeof files !== 'object' || files === null || Array.isArray(files)) return 'files is not an object';
  const entries = Object.entries(files as Record<string, unknown>);
  if (entries.length === 0 || entries.length > MAX_FILES) return `between 1 and ${MAX_FILES} files, please`;
  let bytes = 0;
  for (const [path, content] of entries) {
    const problem = checkRelativePath(path);
    if (problem) return problem;
    if (typeof content !== 'string') return `${path}: content is not text`;
    bytes += content.length;
  }
  if (bytes > MAX_BYTES) return `files too large (${bytes} characters, at most ${MAX_BYTES})`;
  const variant = message.variant ?? 'working';
  if (variant !== 'working' && variant !== 'solution') return `unknown variant ${JSON.stringify(variant)}`;
  const starts = message.entries;
  if (starts !== undefined) {
    if (!Array.isArray(starts) || starts.length > MAX_FILES)
      return `entries is not a list of at most ${MAX_FILES} paths`;
    const missing = starts.find((entry) => typeof entry !== 'string' || !Object.hasOwn(files, entry));
    if (missing !== undefined) return `entry ${JSON.stringify(missing)} is not one of the files`;
  }
  const compiled = message.compiled;
  if (compiled !== undefined) {
    if (typeof compiled !== 'object' || compiled === null || Array.isArray(compiled))
      return 'compiled is not an object';
    for (const [path, code] of Object.entries(compiled)) {
      if (!Object.hasOwn(files, path) || !path.endsWith('.ts'))
        return `compiled ${JSON.stringify(path)} is not a TypeScript file among the files`;
      if (typeof code !== 'string') return `compiled ${path}: code is not text`;
      bytes += code.length;
    }
    if (bytes > MAX_BYTES) return `files too large (${bytes} characters, at most ${MAX_BYTES})`;
  }
  return {
    type: 'vfs-write',
    lesson: message.lesson,
    files: files as Record<string, string>,
    variant,
    ...(starts === undefined ? {} : { entries: starts as string[] }),
    ...(compiled === undefined ? {} : { compiled: compiled as Record<string, string> }),
  };
}
