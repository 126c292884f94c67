import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ClassReportError, classCsv, classTable, readClassReports } from '../src/class-report.ts';

const fixtures = join(import.meta.dirname, 'fixtures/class');
const gradeAll = join(import.meta.dirname, '../src/grade-all.ts');
const tsx = join(import.meta.dirname, '../../../node_modules/tsx/dist/cli.mjs');

/** The malformed reports: the fixtures, plus a report cut short (kept out of the repository, where it would fail lint). */
function badFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'class-bad-'));
  cpSync(join(fixtures, 'bad'), dir, { recursive: true });
  writeFileSync(join(dir, 'erin.json'), '{"lesson": "01-minimum", "exercises": [');
  return dir;
}

describe('merging a class of grade reports', () => {
  const reports = readClassReports(join(fixtures, 'good'));
  const bad = badFolder();
  afterAll(() => rmSync(bad, { recursive: true, force: true }));

  it('names each learner by the report, its folder, or its file name', () => {
    expect(reports.map((r) => [r.learner, r.summary.lesson])).toEqual([
      ['alice', '01-minimum'],
      ['bob', '01-minimum'],
      ['bob', '02-standard'],
      ['carol', '01-minimum'],
    ]);
  });

  it('writes a CSV row per learner, lesson and exercise, with hints opened and the first failure', () => {
    const lines = classCsv(reports).trimEnd().split('\n');
    expect(lines[0]).toBe('learner,lesson,exercise,passed,hints_opened,first_failure');
    expect(lines).toContain('alice,01-minimum,02-respect-shutdown,yes,1,');
    expect(lines).toContain(
      'bob,01-minimum,02-respect-shutdown,no,3,the test of 02-respect-shutdown: AssertionError: expected 1 to be 2',
    );
    expect(lines).toHaveLength(1 + 2 + 2 + 1 + 2);
  });

  it('quotes CSV fields that hold commas or quotes', () => {
    const [first] = reports;
    const tricky = {
      ...first!,
      summary: {
        ...first!.summary,
        exercises: [
          { ...first!.summary.exercises[0]!, passed: false, firstFailure: 'expected "a", got "b"' },
        ],
      },
    };
    expect(classCsv([tricky])).toContain('"expected ""a"", got ""b"""');
  });

  it('prints a table: who passed how much of each lesson, and the hints opened', () => {
    const table = classTable(reports);
    expect(table).toMatch(/^learner\s+01-minimum\s+02-standard$/m);
    expect(table).toMatch(/^alice\s+2\/2 \(1 hint\)\s+-$/m);
    expect(table).toMatch(/^bob\s+1\/2 \(5 hints\)\s+0\/1$/m);
    expect(table).toMatch(/^carol\s+0\/2\s+-$/m);
  });

  it('refuses malformed reports, naming each file and what is wrong', () => {
    expect(() => readClassReports(bad)).toThrow(ClassReportError);
    try {
      readClassReports(bad);
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(
        /dave\.json: grade report: exercises\[0\]\.passed is missing or has the wrong type/,
      );
      expect(message).toMatch(/erin\.json: grade report is not valid JSON/);
      expect(message).not.toMatch(/frank\.json/);
    }
  });

  it('refuses a folder with no reports, and a missing folder', () => {
    expect(() => readClassReports(join(fixtures, 'none-here'))).toThrow(/not a folder of grade reports/);
    const empty = mkdtempSync(join(tmpdir(), 'class-'));
    try {
      expect(() => readClassReports(empty)).toThrow(/no grade reports/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('npm run grade -- --class: table on stdout, CSV file, exit 0; exit 2 with a clear message on bad reports', () => {
    const out = mkdtempSync(join(tmpdir(), 'class-'));
    try {
      const csv = join(out, 'grades.csv');
      const ok = spawnSync(
        process.execPath,
        [tsx, gradeAll, '--class', join(fixtures, 'good'), '--csv', csv],
        {
          encoding: 'utf8',
        },
      );
      expect(ok.status, ok.stderr).toBe(0);
      expect(ok.stdout).toMatch(/^bob\s+1\/2 \(5 hints\)\s+0\/1$/m);
      expect(ok.stdout).toMatch(/4 reports merged/);
      expect(readFileSync(csv, 'utf8')).toBe(classCsv(reports));
      const refused = spawnSync(process.execPath, [tsx, gradeAll, '--class', bad, '--csv', csv], {
        encoding: 'utf8',
      });
      expect(refused.status).toBe(2);
      expect(refused.stderr).toMatch(/grade: malformed grade reports, fix or remove them:\n {2}dave\.json/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
