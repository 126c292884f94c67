/** The command line's own answers (hints, refusals), on a small lesson made on disk: no grading run needed. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const bin = join(import.meta.dirname, '../bin/steady-grade.js');
const lesson = mkdtempSync(join(tmpdir(), 'lesson-cli-'));
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(lesson, path)), { recursive: true });
  writeFileSync(join(lesson, path), text);
};
write('exercises/01-count/README.md', '# Count\n');
write('exercises/01-count/hints.md', '## First\n\nLook.\n\n## Second\n\nAdd.\n');
const grade = (args: string[], cwd = lesson) =>
  spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8' });
afterAll(() => rmSync(lesson, { recursive: true, force: true }));

describe('steady-grade', () => {
  it('--hint shows the next hint and remembers it in .steady/hints.json', () => {
    const first = grade(['--hint', '1']);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^Hint 1\/2 for 01-count: First\n\nLook\./);
    expect(grade(['--hint', 'count']).stdout).toMatch(/^Hint 2\/2 .*\n\nAdd\.\n\nThat was the last hint\./);
    expect(JSON.parse(readFileSync(join(lesson, '.steady/hints.json'), 'utf8'))).toEqual({
      opened: { '01-count': 2 },
    });
  });

  it('refuses an unknown exercise, variant or wrong answer with exit code 2 and a clear message', () => {
    const hint = grade(['--hint', '7']);
    expect([hint.status, hint.stderr.trim()]).toEqual([
      2,
      'steady-grade: no exercise "7" in this lesson; try one of: 01-count',
    ]);
    const variant = grade(['--variant', 'answers']);
    expect(variant.status).toBe(2);
    expect(variant.stderr).toMatch(/must be "working", "solution" or "wrong\/<mistake-slug>"/);
    const wrong = grade(['--variant', 'wrong/nope']);
    expect([wrong.status, wrong.stderr.trim()]).toEqual([
      2,
      'steady-grade: no exercise here has a wrong answer wrong/nope/',
    ]);
  });

  it('refuses to run outside a lesson', () => {
    const outside = grade([], tmpdir());
    expect(outside.status).toBe(2);
    expect(outside.stderr).toMatch(/no exercises here/);
  });
});
