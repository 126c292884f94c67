/**
 * Your work travels: export every lesson's edits, the progress and the last grades; import them in
 * another browser; a bad file changes nothing. The last grade downloads as JSON and as JUnit XML.
 */
import { readFileSync } from 'node:fs';
import { parseGradeSummary } from '@steady/grader/report';
import { describe, expect, it } from 'vitest';
import { exportWork, importWork } from '../src/client/portable.ts';
import { EditStore, loadLastGrade, loadProgress, recordGrade } from '../src/client/storage.ts';
import { gradeToJUnit } from '../src/shared/junit.ts';
import { memoryStore } from './doubles.ts';

const LESSONS = ['01-minimum', '02-standard'];
const report = parseGradeSummary(
  readFileSync(new URL('./fixtures/grade-01-minimum.json', import.meta.url), 'utf8'),
);

function filledStore() {
  const store = memoryStore();
  new EditStore('01-minimum', store).save('src/main.ts', 'mine', 'original');
  new EditStore('02-standard', store).save('exercises/01-backpressure/generator.ts', 'g', 'starter');
  recordGrade(report, store);
  return store;
}

describe('export and import of your work', () => {
  it('carries edits of every lesson, progress and last grades to another browser', () => {
    const file = exportWork(LESSONS, filledStore(), new Date('2026-12-01T10:00:00Z'));
    const other = memoryStore();
    expect(importWork(file, LESSONS, other)).toEqual({ lessons: 2, files: 2, grades: 1 });
    expect(new EditStore('01-minimum', other).all()).toEqual({ 'src/main.ts': 'mine' });
    expect(new EditStore('02-standard', other).all()).toEqual({
      'exercises/01-backpressure/generator.ts': 'g',
    });
    expect(loadLastGrade('01-minimum', other)).toEqual(report);
    expect(Object.keys(loadProgress(other).lessons['01-minimum']!.exercises)).toEqual(
      report.exercises.map((e) => e.id),
    );
    expect(JSON.parse(file).exportedAt).toBe('2026-12-01T10:00:00.000Z');
  });

  it('still takes a progress-only export of earlier versions', () => {
    const other = memoryStore();
    const old = JSON.stringify({
      version: 1,
      lessons: { '01-minimum': { exercises: { '01-x': { passed: true, at: 'x' } } } },
    });
    expect(importWork(old, LESSONS, other)).toEqual({ lessons: 1, files: 0, grades: 0 });
    expect(loadProgress(other).lessons['01-minimum']!.exercises['01-x']!.passed).toBe(true);
  });

  it('refuses a bad file with a plain reason, and changes nothing', () => {
    const good = JSON.parse(exportWork(LESSONS, filledStore()));
    const bad: [unknown, RegExp][] = [
      ['nope', /not JSON/],
      [{ hello: 1 }, /not an export of this course/],
      [{ ...good, version: 2 }, /newer version/],
      [{ ...good, edits: { '99-nope': {} } }, /unknown lesson: 99-nope/],
      [{ ...good, edits: { '01-minimum': { '../../etc/passwd': 'x' } } }, /leaves the lesson/],
      [{ ...good, edits: { '01-minimum': { 'src/main.ts': 42 } } }, /src\/main\.ts is not text/],
      [{ ...good, edits: { '01-minimum': { 'src/main.ts': 'x'.repeat(600 * 1024) } } }, /larger than 512 kB/],
      [{ ...good, grades: { '01-minimum': { lesson: '01-minimum' } } }, /grade report/],
      [{ ...good, grades: { '02-standard': report } }, /filed under 02-standard is for 01-minimum/],
      [{ ...good, progress: null }, /no progress/],
    ];
    for (const [content, reason] of bad) {
      const store = memoryStore();
      const text = typeof content === 'string' ? content : JSON.stringify(content);
      expect(() => importWork(text, LESSONS, store), text.slice(0, 80)).toThrow(reason);
      expect(store.data.size, 'nothing written').toBe(0);
    }
  });
});

describe('the last grade as JUnit XML', () => {
  it('lists every exercise as a suite and every test as a case, failures with their message', () => {
    const xml = gradeToJUnit(report);
    const tests = report.exercises.reduce((n, e) => n + e.tests.length, 0);
    const failed = report.exercises.reduce((n, e) => n + e.tests.filter((t) => !t.passed).length, 0);
    expect(xml).toMatch(
      new RegExp(
        `^<\\?xml version="1.0" encoding="UTF-8" \\?>\\n<testsuites name="01-minimum" tests="${tests}" failures="${failed}" errors="0">`,
      ),
    );
    expect(xml.match(/<testsuite /g)).toHaveLength(report.exercises.length);
    expect(xml.match(/<testcase /g)).toHaveLength(tests);
    expect(xml.match(/<failure /g)).toHaveLength(failed);
    for (const exercise of report.exercises) expect(xml).toContain(`classname="${exercise.id}"`);
  });

  it('escapes what XML cannot hold as is', () => {
    const xml = gradeToJUnit({
      ...report,
      exercises: [
        {
          id: '01-x',
          title: 'a <b> & "c"',
          passed: false,
          firstFailure: 'x',
          hintsOpened: 0,
          tests: [{ name: "it's <bad>", passed: false, failure: 'expected 1 < 2 & \u0001' }],
        },
      ],
    });
    expect(xml).toContain('name="01-x: a &lt;b&gt; &amp; &quot;c&quot;"');
    expect(xml).toContain('name="it&apos;s &lt;bad&gt;"');
    expect(xml).toContain('>expected 1 &lt; 2 &amp; </failure>');
  });
});
