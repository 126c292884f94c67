/**
 * The native runner's WebSocket protocol, and the checks both ends apply. The page may ask for
 * exactly two commands of a known lesson; everything else is refused.
 */

export const RUNNER_PATH = '/__steady/runner';
export const RUNNER_PROTOCOL = 'steady-runner';
/**
 * `npm start` prints `<site>/__steady/login/<code>`: opening it hands this browser the runner's
 * cookie (HttpOnly, SameSite=Strict). The secret is never in a page.
 */
export const LOGIN_PATH = '/__steady/login/';
/** 204 when this browser holds the runner's cookie, 401 when it does not. */
export const SESSION_PATH = '/__steady/session';
/** Pages the local runner serves carry this meta tag (content `native`); it grants nothing. */
export const RUNNER_META = 'steady-runner';
/** The cookie's name carries the port, so two courses on one machine keep separate cookies. */
export const cookieName = (port: number | string): string => `steady_runner_${port}`;

/** The largest message the runner accepts; a bigger one closes the connection (code 1009). */
export const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
/** The largest edited file the runner writes. */
export const MAX_FILE_BYTES = 512 * 1024;
/** WebSocket close codes the runner uses, and what the page tells the learner for each. */
export const CLOSE_CODES = {
  tooBig: 1009,
  badData: 1007,
  protocol: 1002,
  policy: 1008,
  tryAgainLater: 1013,
} as const;
/** Where the grader writes its JSON summary inside the working copy. */
export const GRADE_FILE = '.steady/grade.json';

export type RunnerCommand = 'start' | 'test';

export type ClientMessage =
  | {
      readonly type: 'run';
      readonly id: number;
      readonly lesson: string;
      readonly command: RunnerCommand;
      readonly args: readonly string[];
      /** Edited files (lesson-relative path → content); every other file comes from the lesson. */
      readonly files: Readonly<Record<string, string>>;
      /** `test` only: grade this one exercise (its folder name) instead of the whole lesson. */
      readonly exercise?: string;
    }
  | { readonly type: 'stop'; readonly id: number };

export type ServerMessage =
  | { readonly type: 'hello'; readonly lessons: readonly string[] }
  | { readonly type: 'started'; readonly id: number; readonly pid: number | null }
  | { readonly type: 'output'; readonly id: number; readonly data: string }
  | {
      readonly type: 'exit';
      readonly id: number;
      readonly code: number | null;
      readonly signal: string | null;
    }
  | { readonly type: 'grade'; readonly id: number; readonly report: string }
  | { readonly type: 'error'; readonly id: number | null; readonly message: string };

const ARG = /^[A-Za-z0-9_.:=,+/-]{1,64}$/;
const MAX_ARGS = 16;

/** Arguments for `npm start -- …`: short plain tokens only (no quotes, spaces or shell characters). */
export function checkArgs(args: readonly unknown[]): string | undefined {
  if (args.length > MAX_ARGS) return `at most ${MAX_ARGS} arguments`;
  for (const arg of args) {
    if (typeof arg !== 'string' || !ARG.test(arg) || arg.includes('..'))
      return `argument ${JSON.stringify(arg)} is not allowed (letters, digits and . _ : = , + / - only)`;
  }
  return undefined;
}

/**
 * Why the edits cannot be sent, in words for the learner, or undefined when they fit. The page checks
 * before sending; the runner checks again (and closes a connection whose message is too big).
 */
export function checkEditSizes(files: Readonly<Record<string, string>>): string | undefined {
  let total = 0;
  for (const [path, content] of Object.entries(files)) {
    const bytes = new TextEncoder().encode(content).length;
    if (bytes > MAX_FILE_BYTES)
      return `${path} is too large to run (${Math.ceil(bytes / 1024)} kB; the limit is ${MAX_FILE_BYTES / 1024} kB). Shorten it, or reset it to the lesson's version.`;
    total += bytes + path.length;
  }
  if (total > MAX_MESSAGE_BYTES - 64 * 1024)
    return `Your edits are too large to run together (${Math.ceil(total / 1024)} kB). Reset the files you do not need.`;
  return undefined;
}

const EXERCISE_ID = /^\d{2}-[a-z0-9-]{1,60}$/;

/** An exercise id as the page may name it (`01-stop-after-beats`), or why not. */
export function checkExerciseId(id: unknown): string | undefined {
  if (id === undefined) return undefined;
  return typeof id === 'string' && EXERCISE_ID.test(id)
    ? undefined
    : `exercise ${JSON.stringify(id)} is not an exercise id`;
}

/** Splits what the learner typed in the arguments box. */
export function splitArgs(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/** A lesson-relative path the learner may write: plain segments, no `..`, no absolute paths. */
export function checkRelativePath(path: unknown): string | undefined {
  if (typeof path !== 'string' || path.length === 0 || path.length > 200) return 'empty or too long path';
  if (path.startsWith('/') || path.includes('\\') || path.includes('\0') || /^[A-Za-z]:/.test(path))
    return `absolute or odd path ${JSON.stringify(path)}`;
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.' || segment === '..' || segment.startsWith('.'))
      return `path ${JSON.stringify(path)} leaves the lesson or names a hidden file`;
  }
  return undefined;
}
