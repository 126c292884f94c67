/**
 * The command behind a lesson's `npm start` and `npm test` (src/node/lesson-script.ts): plain
 * scripts start directly on this Node, exactly as npm's shell would start them; anything else
 * goes through npm. Checked on the lessons' own package.json, and on made-up ones for the rest.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type LessonScript, lessonCommand } from '../src/node/lesson-script.ts';
import { LESSONS_DIR, REPO_ROOT } from '../src/node/lessons.ts';

const LESSON_01 = join(LESSONS_DIR, '01-minimum');
const GRADER = join(REPO_ROOT, 'tools', 'grader', 'bin', 'steady-grade.js');

/** A folder inside the repository (so the root's node_modules/.bin is above it) with this package.json. */
function lessonWith(scripts: Record<string, string>): string {
  const dir = mkdtempSync(join(REPO_ROOT, '.work', 'script-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'made-up', scripts }));
  return dir;
}

describe("the command behind a lesson's script", () => {
  mkdirSync(join(REPO_ROOT, '.work'), { recursive: true });

  it("starts lesson 01's `npm start` on this Node, the learner's arguments after the script's own", () => {
    const command = lessonCommand(LESSON_01, 'start', ['--rate', '200', '$(touch /tmp/x)']);
    expect(command).toMatchObject({
      via: 'direct',
      command: process.execPath,
      args: [
        '--import',
        'tsx',
        '--import',
        '@steady/runtime/compile-errors',
        'src/main.ts',
        '--rate',
        '200',
        '$(touch /tmp/x)',
      ],
    });
  });

  it("starts `npm test` (steady-grade) from the file its .bin link names, with npm's PATH", () => {
    const command = lessonCommand(LESSON_01, 'test', ['--json', 'grade.json']);
    expect(command).toMatchObject({
      via: 'direct',
      command: process.execPath,
      args: [GRADER, '--json', 'grade.json'],
    });
    expect(command.path.split(delimiter)[0]).toBe(join(REPO_ROOT, 'node_modules', '.bin'));
  });

  it('goes through npm for shell syntax, a command that is no Node program, a missing script, and on Windows', () => {
    const dir = lessonWith({
      start: 'node a.js && echo done',
      test: 'frobnicate --all',
    });
    try {
      const viaNpm = (script: LessonScript, at = dir, platform: NodeJS.Platform = 'linux') =>
        lessonCommand(at, script, ['--x'], platform);
      expect(viaNpm('start')).toMatchObject({
        via: 'npm',
        command: 'npm',
        args: ['run', 'start', '--silent', '--', '--x'],
      });
      expect(viaNpm('test').via).toBe('npm');
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ scripts: { start: 'sh ./run.sh' } }));
      expect(viaNpm('start').via).toBe('npm'); // sh is no Node program
      expect(viaNpm('test').via).toBe('npm'); // no test script: npm says so
      writeFileSync(join(dir, 'package.json'), '{ not json');
      expect(viaNpm('start').via).toBe('npm');
      expect(viaNpm('start', LESSON_01, 'win32')).toMatchObject({ via: 'npm', command: 'npm.cmd' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('starts a plain `vitest run` script from vitest’s own program file', () => {
    const dir = lessonWith({ test: 'vitest run --reporter dot' });
    try {
      const command = lessonCommand(dir, 'test', []);
      expect(command.via).toBe('direct');
      expect(command.args[0]).toMatch(/node_modules\/vitest\/vitest\.mjs$/);
      expect(command.args.slice(1)).toEqual(['run', '--reporter', 'dot']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
