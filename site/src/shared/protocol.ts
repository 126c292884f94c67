/**
 * The native runner's WebSocket protocol, and the checks both ends apply. The page may ask for
 * exactly two commands of a known lesson; everything else is refused.
 */

export const RUNNER_PATH = '/__steady/runner';
export const RUNNER_PROTOCOL = 'steady-runner';
/** The token travels as a second WebSocket sub-protocol: `token.<hex>`. */
export const TOKEN_PREFIX = 'token.';
/** The page finds native mode through this meta tag, which only the local server writes. */
export const RUNNER_META = 'steady-runner-token';
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
