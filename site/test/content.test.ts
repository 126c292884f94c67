/** Pages from the lessons, the key-line highlighting, lesson discovery, and progress in the browser. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GradeSummary } from '@steady/grader/report';
import { codeToHtml } from 'shiki';
import { afterAll, describe, expect, it } from 'vitest';
import {
  EditStore,
  exportProgress,
  importProgress,
  loadProgress,
  recordGrade,
} from '../src/client/storage.ts';
import { lessonPageMarkdown, rewriteLinks } from '../src/node/lesson-page.ts';
import {
  isText,
  LESSONS_DIR,
  listLessonFiles,
  listLessonIds,
  readLessonBundle,
  readLessonInfo,
} from '../src/node/lessons.ts';
import { keyLineTransformer } from '../src/node/marker-transformer.ts';
import { checkArgs, checkRelativePath } from '../src/shared/protocol.ts';
import { memoryStore } from './doubles.ts';

const temp = mkdtempSync(join(tmpdir(), 'steady-lessons-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('lessons, read where they live', () => {
  it('discovers lessons by listing the folder, in order, and reads lesson 01 with its four exercises', () => {
    const ids = listLessonIds();
    expect(ids[0]).toBe('01-minimum');
    expect([...ids].sort()).toEqual(ids);
    const info = readLessonInfo('01-minimum');
    expect(info).toMatchObject({ number: 1, name: 'minimum', requiresNative: false });
    // Run offers the README's first `npm start -- …` example.
    expect(info.defaultArgs).toBe('--rate 500 --beats 3');
    expect(info.title).toMatch(/^Lesson 1/);
    expect(info.exercises.map((e) => e.id)).toEqual([
      '01-stop-after-beats',
      '02-respect-shutdown',
      '03-validate-rate',
      '04-own-thread',
    ]);
    expect(info.exercises[0]!.workingFiles).toEqual(['exercises/01-stop-after-beats/heartbeat.ts']);
  });

  it('marks roles: sources and working files editable, tests and solutions not', () => {
    const files = readLessonBundle('01-minimum').files;
    const role = (p: string) => files.find((f) => f.path === p);
    expect(role('src/actor/heartbeat.ts')).toMatchObject({ role: 'source', editable: true });
    expect(role('exercises/03-validate-rate/args.ts')).toMatchObject({ role: 'exercise', editable: true });
    expect(role('exercises/03-validate-rate/args.test.ts')).toMatchObject({ role: 'test', editable: false });
    expect(role('exercises/03-validate-rate/solution/args.ts')).toMatchObject({
      role: 'solution',
      editable: false,
    });
    expect(files.some((f) => f.path.includes('node_modules'))).toBe(false);
  });

  it('leaves pictures and the maintainers’ docs/ and scripts/ out of the playground, keeps the README', () => {
    const paths = readLessonBundle('02-standard').files.map((f) => f.path);
    expect(paths).toContain('README.md');
    expect(paths).toContain('src/main.ts');
    expect(paths.filter((p) => /^(docs|scripts)\/|\.png$/.test(p))).toEqual([]);
    expect(listLessonFiles(join(LESSONS_DIR, '02-standard'))).toEqual(paths);
  });

  it('packs text files only: no NUL bytes, valid UTF-8; docs/ and scripts/ skipped at the top only', () => {
    const lessonsDir = join(temp, 'binary');
    const dir = join(lessonsDir, '06-binary');
    mkdirSync(join(dir, 'src', 'docs'), { recursive: true });
    mkdirSync(join(dir, 'docs'));
    mkdirSync(join(dir, 'scripts'));
    writeFileSync(join(dir, 'package.json'), '{}');
    writeFileSync(join(dir, 'README.md'), '# Binary\n\n![x](docs/x.png)\n');
    writeFileSync(join(dir, 'src', 'main.ts'), 'export const café = "☕";\n');
    writeFileSync(join(dir, 'src', 'docs', 'notes.md'), 'kept\n');
    // A PNG header (NUL bytes), Latin-1 text (invalid UTF-8), a picture misnamed as code.
    writeFileSync(
      join(dir, 'src', 'logo.png'),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]),
    );
    writeFileSync(join(dir, 'src', 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    writeFileSync(join(dir, 'src', 'blob.ts'), Buffer.from([0x61, 0x00, 0x62]));
    writeFileSync(join(dir, 'docs', 'x.png'), Buffer.from([0x89, 0x50, 0, 0]));
    writeFileSync(join(dir, 'docs', 'guide.md'), '# maintainers\n');
    writeFileSync(join(dir, 'scripts', 'screenshot.ts'), 'import "playwright-core";\n');
    expect(listLessonFiles(dir)).toEqual(['README.md', 'package.json', 'src/docs/notes.md', 'src/main.ts']);
    const bundle = readLessonBundle('06-binary', lessonsDir);
    expect(bundle.files.find((f) => f.path === 'src/main.ts')?.content).toBe('export const café = "☕";\n');
    expect(isText(new TextEncoder().encode('naïve ☕'))).toBe(true);
    expect(isText(new Uint8Array([0x61, 0]))).toBe(false);
  });

  it('reads the requiresNative flag and default arguments from the lesson package.json', () => {
    const dir = join(temp, '05-distributed');
    mkdirSync(join(dir, 'exercises', '01-x'), { recursive: true });
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ description: 'Lesson 5', course: { requiresNative: true, defaultArgs: '--pods 2' } }),
    );
    writeFileSync(join(dir, 'exercises', '01-x', 'README.md'), '# Bridge a stream\n');
    writeFileSync(join(dir, 'exercises', '01-x', 'aqueduct.ts'), '');
    mkdirSync(join(temp, 'not-a-lesson'));
    expect(listLessonIds(temp)).toEqual(['05-distributed']);
    expect(readLessonInfo('05-distributed', temp)).toMatchObject({
      requiresNative: true,
      defaultArgs: '--pods 2',
      title: 'Lesson 5',
      exercises: [{ id: '01-x', title: 'Bridge a stream', workingFiles: ['exercises/01-x/aqueduct.ts'] }],
    });
    expect(lessonPageMarkdown(readLessonBundle('05-distributed', temp))).toMatch(/Native mode needed/);
  });

  it('grades in the browser only the exercises a native-only lesson lists, and says why the others cannot', () => {
    const dir = join(temp, '06-sockets');
    for (const [exercise, test] of [
      ['01-pure', "import { f } from './f.ts';"],
      ['02-udp', "import { g } from './g.ts';"],
      ['03-child', "import { spawn } from 'node:child_process';"],
      // A test that grades the learner's own test runs in the page too (its test workers).
      ['04-learner', "import { runLearnerTests } from '@steady/grader/learner-tests';"],
    ] as const) {
      mkdirSync(join(dir, 'exercises', exercise), { recursive: true });
      writeFileSync(join(dir, 'exercises', exercise, 'x.test.ts'), `${test}\n`);
    }
    const course = (browserExercises: unknown) =>
      writeFileSync(
        join(dir, 'package.json'),
        JSON.stringify({ course: { requiresNative: true, browserExercises } }),
      );
    course(['01-pure', '03-child', '04-learner']);
    const exercises = readLessonInfo('06-sockets', temp).exercises.map((e) => [e.id, e.nativeReason]);
    expect(exercises).toEqual([
      ['01-pure', undefined],
      ['02-udp', 'it needs real UDP sockets'],
      ['03-child', "its test uses Node's node:child_process"], // listed, but its test needs Node
      ['04-learner', undefined],
    ]);
    expect(lessonPageMarkdown(readLessonBundle('06-sockets', temp))).toMatch(
      /exercises 01, 04 still grade in this page \(press Test\)/,
    );
    course(['01-pure', '09-nothing']);
    expect(() => readLessonInfo('06-sockets', temp)).toThrow(
      /browserExercises" names no exercise of the lesson: 09-nothing/,
    );
    course('01-pure');
    expect(() => readLessonInfo('06-sockets', temp)).toThrow(/must be a list of exercise folder names/);
    rmSync(dir, { recursive: true });
  });

  it('opens the file the lesson’s npm start runs: lesson 05’s runner, the others’ main; refuses one it lacks', () => {
    expect(listLessonIds().map((id) => [id, readLessonInfo(id).entry])).toEqual([
      ['01-minimum', 'src/main.ts'],
      ['02-standard', 'src/main.ts'],
      ['03-robust', 'src/main.ts'],
      ['04-performant', 'src/main.ts'],
      ['05-distributed', 'src/runner.ts'],
    ]);
    const dir = join(temp, '07-entry');
    mkdirSync(join(dir, 'src'), { recursive: true });
    writeFileSync(join(dir, 'src', 'pods.ts'), '');
    const start = (script: string) =>
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ scripts: { start: script } }));
    start('node --import tsx --import @steady/runtime/compile-errors src/pods.ts');
    expect(readLessonInfo('07-entry', temp).entry).toBe('src/pods.ts');
    start('vite'); // names no file: the usual entry
    expect(readLessonInfo('07-entry', temp).entry).toBe('src/main.ts');
    start('node --import tsx src/gone.ts');
    expect(() => readLessonInfo('07-entry', temp)).toThrow(
      /start script runs src\/gone.ts, which is not a file/,
    );
    rmSync(dir, { recursive: true });
  });
});

describe('a lesson page from its README', () => {
  it('rewrites links to exercises, the runtime and lesson files; leaves absolute ones', () => {
    expect(
      rewriteLinks('[a](exercises/01-stop/README.md) [b](../../runtime/README.md) [c](src/main.ts)', {
        lesson: '01-minimum',
      }),
    ).toBe('[a](#exercise-01-stop) [b](/reference) [c](#playground)');
    expect(
      rewriteLinks('[d](https://example.com/x) [e](#here) [f](../02-standard/README.md)', {
        lesson: '01-minimum',
      }),
    ).toBe('[d](https://example.com/x) [e](#here) [f](/lessons/02-standard)');
  });

  it('points pictures at /lesson-assets/, from the README or an exercise; leaves absolute ones; drops escapes', () => {
    const readme = { lesson: '02-standard' };
    expect(rewriteLinks('![The dashboard](docs/dashboard.png)', readme)).toBe(
      '![The dashboard](/lesson-assets/02-standard/docs/dashboard.png)',
    );
    expect(rewriteLinks('![a](./docs/a.svg "A title") [b](docs/a.svg)', readme)).toBe(
      '![a](/lesson-assets/02-standard/docs/a.svg "A title") [b](#playground)',
    );
    expect(
      rewriteLinks('![a](../../docs/a.png) ![b](b.webp)', {
        lesson: '02-standard',
        folder: 'exercises/01-x',
      }),
    ).toBe(
      '![a](/lesson-assets/02-standard/docs/a.png) ![b](/lesson-assets/02-standard/exercises/01-x/b.webp)',
    );
    // Another lesson's picture is still a lesson picture.
    expect(rewriteLinks('![a](../01-minimum/docs/a.jpg)', readme)).toBe(
      '![a](/lesson-assets/01-minimum/docs/a.jpg)',
    );
    expect(
      rewriteLinks('![a](https://example.com/a.png) ![b](/logo.svg) ![c](data:image/png;base64,AA)', readme),
    ).toBe('![a](https://example.com/a.png) ![b](/logo.svg) ![c](data:image/png;base64,AA)');
    // Outside the lessons, hidden, or not a picture: only the alt text is left.
    expect(rewriteLinks('![up](../../etc/x.png) ![hidden](.work/x.png) ![code](src/main.ts)', readme)).toBe(
      'up hidden code',
    );
  });

  it('shows lesson 02’s dashboard picture from the lesson folder', () => {
    const page = lessonPageMarkdown(readLessonBundle('02-standard'));
    expect(page).toMatch(/!\[[^\]]*dashboard[^\]]*\]\(\/lesson-assets\/02-standard\/docs\/dashboard\.png\)/);
  });

  it('has the README text, the playground, every exercise inline and the code', () => {
    const page = lessonPageMarkdown(readLessonBundle('01-minimum'));
    expect(page).toContain('# Lesson 1');
    expect(page).toContain('<Playground lesson="01-minimum" />');
    expect(page).toContain('### Stop after the last beat {#exercise-01-stop-after-beats}');
    expect(page).toContain('<ExerciseBadge lesson="01-minimum" exercise="04-own-thread" />');
    expect(page).toContain('::: details src/actor/heartbeat.ts');
    expect(page).not.toContain('](exercises/');
  });

  it('highlights the key-idea lines and keeps their explanation as a comment', async () => {
    const code = 'const a = 1;\nlet count = beats; //#!#// state private to this actor\nconst b = 2;\n';
    const html = await codeToHtml(code, {
      lang: 'ts',
      theme: 'github-light',
      transformers: [keyLineTransformer()],
    });
    const lines = html.split('<span class="line').slice(1);
    expect(lines[1]).toMatch(/^ highlighted key-line"/);
    expect(lines[0]).not.toMatch(/highlighted/);
    expect(html).not.toContain('#!#');
    expect(html).toContain('state private to this actor');
  });
});

describe('checks shared by page and runner', () => {
  it('accepts plain lesson paths and arguments only', () => {
    expect(checkRelativePath('src/actor/heartbeat.ts')).toBeUndefined();
    for (const bad of ['../x', 'a/../../b', '/etc/passwd', 'C:/x', 'a\\b', '.git/config', 'a//b', ''])
      expect(checkRelativePath(bad), bad).toBeDefined();
    expect(checkArgs(['--rate', '500', '--beats=3'])).toBeUndefined();
    for (const bad of ['a b', '$(id)', '`id`', 'x;y', '../..', '|', '>', '"q"'])
      expect(checkArgs([bad]), bad).toBeDefined();
  });
});

describe('kept in the browser', () => {
  const grade = (passed: boolean[]): GradeSummary => ({
    lesson: '01-minimum',
    passed: passed.filter(Boolean).length,
    total: passed.length,
    score: 0,
    exercises: passed.map((p, i) => ({
      id: `0${i + 1}-x`,
      title: 'x',
      passed: p,
      firstFailure: null,
      hintsOpened: 0,
      tests: [],
    })),
  });

  it('keeps edits per lesson until reset, and forgets an edit that equals the original', () => {
    const store = memoryStore();
    const edits = new EditStore('01-minimum', store);
    edits.save('src/main.ts', 'mine', 'original');
    expect(new EditStore('01-minimum', store).all()).toEqual({ 'src/main.ts': 'mine' });
    expect(new EditStore('02-standard', store).all()).toEqual({});
    edits.save('src/main.ts', 'original', 'original');
    expect(edits.all()).toEqual({});
    edits.save('src/main.ts', 'mine', 'original');
    edits.reset('src/main.ts');
    expect(edits.all()).toEqual({});
  });

  it('records passes, keeps a pass when a later run fails, and round-trips through export/import', () => {
    const store = memoryStore();
    recordGrade(grade([true, false]), store);
    recordGrade(grade([false, false]), store);
    expect(loadProgress(store).lessons['01-minimum']!.exercises['01-x']!.passed).toBe(true);
    const file = exportProgress(store);
    const other = memoryStore();
    importProgress(file, other);
    expect(loadProgress(other).lessons['01-minimum']!.exercises).toEqual(
      loadProgress(store).lessons['01-minimum']!.exercises,
    );
    expect(() => importProgress('{"hello": 1}', other)).toThrow(/not a progress export/);
    expect(() => importProgress('nope', other)).toThrow(/not JSON/);
  });
});
