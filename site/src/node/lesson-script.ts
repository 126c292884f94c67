/**
 * What the runner starts for a lesson's `npm start` or `npm test`: the command of that script in
 * the working copy's package.json, started directly when it is one plain command, as every
 * lesson's is. npm's own start (its config, then a shell) took about 0.3 s of every Run and Test:
 * a third of a short lesson run (0.8 s against 1.1 s for lesson 01 with one heartbeat).
 *
 * Started directly, `node …` runs on this Node, and a package's command (`steady-grade`) runs on
 * it too, from the file its `node_modules/.bin` link names: what npm's shell would have started,
 * with the same arguments and the same `node_modules/.bin` folders first on the PATH. No shell
 * either way: the learner's arguments reach the program as typed, never read by a shell.
 *
 * Anything else goes through npm as before: shell syntax in the script, a command that is not
 * Node or a Node package's, a missing script (npm says so), and Windows, whose `.bin` holds
 * shims rather than links.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

export type LessonScript = 'start' | 'test';

export interface LessonCommand {
  readonly command: string;
  readonly args: readonly string[];
  /** The PATH the command runs with (npm's: the `node_modules/.bin` folders first). */
  readonly path: string;
  /** How it starts: directly, or through npm (see above for when). */
  readonly via: 'direct' | 'npm';
}

/** A word of a plain command: no quotes, variables, globs, redirections or separators. */
const PLAIN_WORD = /^[\w@%+,./:=-]+$/;
const NODE_SHEBANG = /^#!\s*(?:\/usr\/bin\/env\s+node|\S*\/node)\s*$/;

export function lessonCommand(
  dir: string,
  script: LessonScript,
  args: readonly string[],
  platform: NodeJS.Platform = process.platform,
): LessonCommand {
  const binDirs = binFolders(dir);
  const path = [...binDirs, process.env.PATH ?? ''].filter(Boolean).join(delimiter);
  const npm = (): LessonCommand => ({
    command: platform === 'win32' ? 'npm.cmd' : 'npm',
    args: ['run', script, '--silent', '--', ...args],
    path: process.env.PATH ?? '',
    via: 'npm',
  });
  if (platform === 'win32') return npm();
  const words = scriptText(dir, script)?.trim().split(/\s+/);
  if (!words?.length || !words.every((word) => PLAIN_WORD.test(word))) return npm();
  const [name, ...rest] = words as [string, ...string[]];
  if (name === 'node') return { command: process.execPath, args: [...rest, ...args], path, via: 'direct' };
  const program = nodeProgram(binDirs, name);
  if (!program) return npm();
  return { command: process.execPath, args: [program, ...rest, ...args], path, via: 'direct' };
}

function scriptText(dir: string, script: LessonScript): string | undefined {
  try {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      scripts?: Record<string, unknown>;
    };
    const text = manifest.scripts?.[script];
    return typeof text === 'string' ? text : undefined;
  } catch {
    return undefined; // npm reports an unreadable package.json in its own words
  }
}

/** `node_modules/.bin` of `dir` and of every folder above it, nearest first, as npm puts them on the PATH. */
function binFolders(dir: string): string[] {
  const out: string[] = [];
  for (let at = dir; ; at = dirname(at)) {
    const bin = join(at, 'node_modules', '.bin');
    if (existsSync(bin)) out.push(bin);
    if (dirname(at) === at) return out;
  }
}

/** The file a package's command runs, when it is a Node program (its first line says so). */
function nodeProgram(binDirs: readonly string[], name: string): string | undefined {
  if (name.includes('/')) return undefined;
  for (const bin of binDirs) {
    const link = join(bin, name);
    if (!existsSync(link)) continue;
    try {
      const file = realpathSync(link);
      const firstLine = readFileSync(file, 'utf8').split('\n', 1)[0] ?? '';
      return NODE_SHEBANG.test(firstLine) ? file : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
