/** Hints, variants, wrong answers, the transfer check and the Classroom workflows, on small lessons made on disk. */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { classroomWorkflow } from '../src/classroom.ts';
import { listExercises } from '../src/exercises.ts';
import {
  findExercise,
  HintError,
  openNextHint,
  readHints,
  readOpenedHints,
  renderHint,
} from '../src/hints.ts';
import { checkLessonContent } from '../src/proof.ts';
import { meaningfulLines, transferCheck } from '../src/transfer.ts';
import { isVariant, variantFile } from '../src/variant.js';
import { isGradedChange, watchAndGrade } from '../src/watch.ts';
import { readWrongAnswers } from '../src/wrong-answers.ts';

let lesson = '';
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(lesson, path)), { recursive: true });
  writeFileSync(join(lesson, path), text);
};
const exerciseDir = () => join(lesson, 'exercises/01-count');

beforeEach(() => {
  lesson = mkdtempSync(join(tmpdir(), 'lesson-'));
  write('src/count.ts', 'export function count(n: number) {\n  return n + 1;\n}\n');
  write('exercises/01-count/README.md', '# Count to three\n');
  write('exercises/01-count/count.ts', 'export function count(n: number) {\n  return n;\n}\n');
  write(
    'exercises/01-count/solution/count.ts',
    "import { x } from './x.ts';\n// the answer\nexport function count(n: number) {\n  return n + 3;\n}\n",
  );
  write(
    'exercises/01-count/hints.md',
    '# Hints\n\n## Look at the return\n\nIt returns n.\n\n## Nearly\n\nAdd three.\n',
  );
  write(
    'exercises/01-count/wrong/adds-one/count.ts',
    'export function count(n: number) {\n  return n + 1;\n}\n',
  );
  write(
    'exercises/01-count/wrong/adds-one/mistake.json',
    '{ "mistake": "Adds one.", "failureIncludes": "expected 1" }\n',
  );
  write(
    'exercises/01-count/wrong/adds-two/mistake.json',
    '{ "mistake": "Adds two.", "failureIncludes": "expected 2" }\n',
  );
  write(
    'exercises/01-count/wrong/adds-two/count.ts',
    'export function count(n: number) {\n  return n + 2;\n}\n',
  );
});
afterEach(() => rmSync(lesson, { recursive: true, force: true }));

describe('hints', () => {
  it('reads one hint per ## heading, in order', () => {
    expect(readHints(exerciseDir())).toEqual([
      { title: 'Look at the return', body: 'It returns n.' },
      { title: 'Nearly', body: 'Add three.' },
    ]);
  });

  it('opens the next hint each time, remembers it, and shows the last again when none is left', () => {
    const [exercise] = listExercises(lesson);
    const first = openNextHint(lesson, exercise!);
    expect(renderHint(first)).toMatch(
      /^Hint 1\/2 for 01-count: Look at the return\n\nIt returns n\.\n\n1 more hint left/,
    );
    expect(readOpenedHints(lesson)).toEqual({ '01-count': 1 });
    expect(renderHint(openNextHint(lesson, exercise!))).toMatch(
      /Hint 2\/2.*\n\nAdd three\.\n\nThat was the last hint\./,
    );
    const again = openNextHint(lesson, exercise!);
    expect(again.isNew).toBe(false);
    expect(renderHint(again)).toMatch(/No more hints/);
    expect(readOpenedHints(lesson)).toEqual({ '01-count': 2 });
  });

  it('finds an exercise by id, number or slug, and names the choices otherwise', () => {
    const exercises = listExercises(lesson);
    expect(findExercise(exercises, '1').id).toBe('01-count');
    expect(findExercise(exercises, '01').id).toBe('01-count');
    expect(findExercise(exercises, 'count').id).toBe('01-count');
    expect(() => findExercise(exercises, '7')).toThrow(
      /no exercise "7" in this lesson; try one of: 01-count/,
    );
  });

  it('refuses a damaged hints file with a way out', () => {
    write('.steady/hints.json', '{"opened": {"01-count": -1}}');
    expect(() => readOpenedHints(lesson)).toThrow(/must be a whole number >= 0/);
    write('.steady/hints.json', 'nope');
    expect(() => readOpenedHints(lesson)).toThrow(HintError);
    expect(() => readOpenedHints(lesson)).toThrow(/delete it/);
  });
});

describe('variants', () => {
  it('accepts working, solution and wrong/<slug> only', () => {
    expect(['working', 'solution', 'wrong/adds-one'].every(isVariant)).toBe(true);
    expect(['wrong/', 'wrong/../x', 'answers', 'wrong/A'].some(isVariant)).toBe(false);
  });

  it('redirects to the wrong answer, falls back to the solution, keeps the learner file otherwise', () => {
    write('exercises/01-count/solution/extra.ts', 'export const extra = 1;\n');
    const dir = exerciseDir();
    expect(variantFile(dir, 'working', 'count.ts')).toBeUndefined();
    expect(variantFile(dir, 'solution', 'count.ts')).toBe(join(dir, 'solution/count.ts'));
    expect(variantFile(dir, 'wrong/adds-one', 'count.ts')).toBe(join(dir, 'wrong/adds-one/count.ts'));
    expect(variantFile(dir, 'wrong/adds-one', 'extra.ts')).toBe(join(dir, 'solution/extra.ts'));
    expect(variantFile(dir, 'wrong/not-here', 'count.ts')).toBeUndefined();
  });
});

describe('wrong answers', () => {
  it('reads them in order, and names the malformed ones', () => {
    write('exercises/01-count/wrong/no-meta/count.ts', 'x');
    write('exercises/01-count/wrong/stranger/other.ts', 'x');
    write('exercises/01-count/wrong/stranger/mistake.json', '{"mistake":"m","failureIncludes":"f"}');
    const problems: string[] = [];
    const answers = readWrongAnswers(exerciseDir(), problems);
    expect(answers.map((a) => [a.variant, a.failureIncludes, a.files])).toEqual([
      ['wrong/adds-one', 'expected 1', ['count.ts']],
      ['wrong/adds-two', 'expected 2', ['count.ts']],
    ]);
    expect(problems).toEqual([
      expect.stringMatching(/^wrong\/no-meta\/mistake\.json: missing or not JSON/),
      'wrong/stranger: other.ts not in solution/ (a wrong answer replaces learner files only)',
    ]);
  });
});

describe('the transfer check', () => {
  it('keeps only lines that carry meaning', () => {
    expect(
      meaningfulLines("import {\n  a,\n} from 'x';\n/* c\n c */\n// c\n{\n  const a = 1; // why\n});\n"),
    ).toEqual(['const a = 1; // why']);
  });

  it('passes when a line of the answer is new, fails when every one is already in src/', () => {
    expect(transferCheck(lesson, exerciseDir())).toEqual({ answer: ['return n + 3;'], copiedFromSrc: false });
    write('src/other.ts', 'function f(n: number) {\n  return n + 3;\n}\n');
    expect(transferCheck(lesson, exerciseDir()).copiedFromSrc).toBe(true);
  });
});

describe('the content proof', () => {
  it('passes a complete exercise', () => {
    expect(checkLessonContent(lesson)).toEqual([]);
  });

  it('names missing hints, a README hint, too few wrong answers and an answer copied from src/', () => {
    rmSync(join(exerciseDir(), 'hints.md'));
    rmSync(join(exerciseDir(), 'wrong/adds-two'), { recursive: true });
    write('exercises/01-count/README.md', '# Count\n\n**Hint:** add.\n');
    write('src/other.ts', 'return n + 3;\n');
    expect(checkLessonContent(lesson)).toEqual([
      '01-count: hints.md is missing',
      '01-count: README.md still has a **Hint:** paragraph (hints go in hints.md)',
      '01-count: has 1 well-formed wrong answer(s) in wrong/; at least 2 expected',
      `01-count: its answer is already in the lesson's src/ (every new solution line is there: "return n + 3;", ...)`,
    ]);
  });

  it('wants 2 to 3 hints', () => {
    write('exercises/01-count/hints.md', '## Only one\n\nText.\n');
    expect(checkLessonContent(lesson)).toEqual([
      '01-count: hints.md has 1 hints (`## ` headings); 2-3 expected',
    ]);
  });
});

describe('watch', () => {
  it('re-grades on saves of exercise and source files, not on generated ones', () => {
    expect(isGradedChange('exercises/01-count/count.ts')).toBe(true);
    expect(isGradedChange('src/actor/worker.ts')).toBe(true);
    expect(isGradedChange('.steady/hints.json')).toBe(false);
    expect(isGradedChange('node_modules/x/index.ts')).toBe(false);
    expect(isGradedChange('README.md')).toBe(false);
  });

  it('grades at once and after a save in src/, not for churn in .steady/, and lives through folders that vanish', async () => {
    write('src/main.ts', 'export {};\n');
    write('exercises/01-count/count.ts', 'export {};\n');
    const quiet = vi.spyOn(console, 'log').mockImplementation(() => {});
    const clear = vi.spyOn(console, 'clear').mockImplementation(() => {});
    let gradings = 0;
    const stop = watchAndGrade(lesson, async () => `grading ${++gradings}`, 50);
    try {
      await vi.waitFor(() => expect(gradings, 'the first grading').toBe(1), { timeout: 5000 });
      // What another grading in the same lesson does (scratch folders made and removed), and folders
      // made and removed under a watched one at once: Node's recursive watch on Linux can report
      // those that vanish while it looks as an 'error' event (nodejs/node#52018, #53350), which
      // ends a process that does not listen for it.
      for (let i = 0; i < 20; i++) {
        write(`.steady/grade-${i}/vitest.config.mts`, 'export default {};\n');
        write(`src/scratch-${i}/deep/x.md`, 'x\n');
        rmSync(join(lesson, `.steady/grade-${i}`), { recursive: true });
        rmSync(join(lesson, `src/scratch-${i}`), { recursive: true });
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      const afterChurn = gradings;
      write('src/main.ts', 'export const saved = 1;\n');
      await vi.waitFor(() => expect(gradings, 'a grading after the save').toBeGreaterThan(afterChurn), {
        timeout: 5000,
      });
    } finally {
      stop();
      quiet.mockRestore();
      clear.mockRestore();
    }
  });
});

describe('GitHub Classroom workflows', () => {
  const lessonsDir = join(import.meta.dirname, '../../../lessons');
  const docs = join(import.meta.dirname, '../../../docs/classroom');

  it('grade one exercise per step, with points, and keep the JSON report', () => {
    const text = classroomWorkflow('01-x', lesson, listExercises(lesson));
    expect(text).toContain('command: cd lessons/01-x && npm test -- --exercise 01-count');
    expect(text).toContain('max-score: 10');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template
    expect(text).toContain('EXERCISE-01-COUNT_RESULTS: "${{ steps.exercise-01-count.outputs.result }}"');
    expect(text).toContain('--json ../../grade-report/01-x.json');
  });

  it("puts the course's files back as the assignment gave them before grading, and keeps the learner's", () => {
    // A course with this lesson, made a git repository as Classroom makes an assignment: one commit.
    const root = mkdtempSync(join(tmpdir(), 'assignment-'));
    try {
      const at = (path: string, text: string) => {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), text);
      };
      for (const file of ['package.json', 'package-lock.json', 'runtime/index.ts', 'tools/grader/cli.ts'])
        at(file, 'the course\n');
      write('package.json', '{ "scripts": { "test": "steady-grade" } }\n');
      write('exercises/01-count/count.test.ts', "it('counts to three', () => expect(count(0)).toBe(3));\n");
      write('exercises/01-count/fixture.ts', 'export const THREE = 3;\n');
      cpSync(lesson, join(root, 'lessons/01-x'), { recursive: true });
      const git = (...args: string[]) =>
        execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
          cwd: root,
          encoding: 'utf8',
        });
      git('init', '-q');
      git('add', '-A');
      git('commit', '-qm', 'Initial commit');
      // The learner answers, and also weakens the test, the fixture and the grader.
      at('lessons/01-x/exercises/01-count/count.ts', 'export const count = (n: number) => n + 3;\n');
      at('lessons/01-x/exercises/01-count/count.test.ts', "it('passes', () => {});\n");
      at('lessons/01-x/exercises/01-count/fixture.ts', 'export const THREE = 0;\n');
      at('tools/grader/cli.ts', 'everything passes\n');
      git('commit', '-qam', 'my answer');

      const workflow = classroomWorkflow(
        '01-x',
        join(root, 'lessons/01-x'),
        listExercises(join(root, 'lessons/01-x')),
      );
      const step = /run: \|\n((?: {10}.*\n)+)/.exec(workflow.slice(workflow.indexOf("course's own files")));
      const script = step?.[1]?.replace(/^ {10}/gm, '') ?? '';
      expect(script).toContain('git checkout');
      execFileSync('bash', ['-euo', 'pipefail', '-c', script], { cwd: root });

      const read = (path: string) => readFileSync(join(root, path), 'utf8');
      expect(read('lessons/01-x/exercises/01-count/count.test.ts')).toContain('counts to three');
      expect(read('lessons/01-x/exercises/01-count/fixture.ts')).toBe('export const THREE = 3;\n');
      expect(read('tools/grader/cli.ts')).toBe('the course\n');
      expect(read('lessons/01-x/exercises/01-count/count.ts')).toContain('n + 3');
      // Neither the exercise's text nor its solution and wrong answers are needed to grade.
      expect(script).not.toMatch(/README|hints|solution|wrong|\/count\.ts/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('docs/classroom has the current workflow of every lesson (regenerate: npm run grade -- --classroom <lesson>)', () => {
    const lessons = readdirSync(lessonsDir).filter(
      (l) => /^\d\d-/.test(l) && listExercises(join(lessonsDir, l)).length,
    );
    expect(
      readdirSync(docs)
        .filter((f) => f.endsWith('.yml'))
        .sort(),
    ).toEqual(lessons.map((l) => `${l}.yml`).sort());
    for (const l of lessons)
      expect(readFileSync(join(docs, `${l}.yml`), 'utf8'), l).toBe(
        classroomWorkflow(l, join(lessonsDir, l), listExercises(join(lessonsDir, l))),
      );
  });
});
