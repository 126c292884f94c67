import { describe, expect, it } from 'vitest';
import { MAX_FAILURE_CHARS } from '../src/report.ts';
import { plainFailure, summarize } from '../src/summary.ts';
import { renderTable } from '../src/table.ts';
import type { VitestJson } from '../src/vitest-run.ts';

const exercises = [
  { id: '01-first', title: 'First', dir: '/l/exercises/01-first' },
  { id: '02-second', title: 'Second', dir: '/l/exercises/02-second' },
  { id: '03-broken', title: 'Broken', dir: '/l/exercises/03-broken' },
  { id: '04-missing', title: 'Missing', dir: '/l/exercises/04-missing' },
];

const json: VitestJson = {
  testResults: [
    {
      name: '/l/exercises/01-first/a.test.ts',
      status: 'passed',
      assertionResults: [{ title: 'works', fullName: 'works', status: 'passed', failureMessages: [] }],
    },
    {
      name: '/l/exercises/02-second/b.test.ts',
      status: 'failed',
      assertionResults: [
        { title: 'ok', fullName: 'ok', status: 'passed', failureMessages: [] },
        {
          title: 'counts',
          fullName: 'counter counts',
          status: 'failed',
          failureMessages: ['\u001b[31mAssertionError: expected 2 to be 3\u001b[39m\n    at /l/x.ts:1:1'],
        },
      ],
    },
    {
      name: '/l/exercises/03-broken/c.test.ts',
      status: 'failed',
      message: 'SyntaxError: Unexpected token',
      assertionResults: [],
    },
  ],
};

describe('grading from vitest JSON', () => {
  const summary = summarize('/l/01-lesson', exercises, json);

  it('passes an exercise only when all its tests passed', () => {
    expect(summary.exercises.map((e) => [e.id, e.passed])).toEqual([
      ['01-first', true],
      ['02-second', false],
      ['03-broken', false],
      ['04-missing', false],
    ]);
    expect({ passed: summary.passed, total: summary.total, score: summary.score }).toEqual({
      passed: 1,
      total: 4,
      score: 25,
    });
  });

  it('names the first failing expectation in plain words', () => {
    expect(summary.exercises[1]?.firstFailure).toBe('counter counts: AssertionError: expected 2 to be 3');
    expect(summary.exercises[2]?.firstFailure).toBe('c.test.ts: SyntaxError: Unexpected token');
    expect(summary.exercises[3]?.firstFailure).toMatch(/no test ran/);
  });

  it('fails every exercise when the runner produced no results at all', () => {
    const none = summarize('/l/01-lesson', exercises, undefined, 'Error: cannot find module vitest');
    expect(none.passed).toBe(0);
    expect(none.exercises[0]?.firstFailure).toMatch(/no results: Error: cannot find module vitest/);
  });

  it('prints a table and the score', () => {
    const text = renderTable(summary);
    expect(text).toMatch(/01-first\s+PASS\s+First/);
    expect(text).toMatch(/02-second\s+FAIL\s+Second/);
    expect(text).toMatch(/Score: 1\/4 exercises passed \(25%\)/);
  });

  it('shows the hints opened in the report and the table', () => {
    const withHints = summarize('/l/01-lesson', exercises, json, '', (id) => (id === '02-second' ? 2 : 0));
    expect(withHints.exercises.map((e) => e.hintsOpened)).toEqual([0, 2, 0, 0]);
    const text = renderTable(withHints);
    expect(text).toMatch(/exercise\s+result\s+hints\s+title/);
    expect(text).toMatch(/02-second\s+FAIL\s+2\s+Second/);
    expect(text).toMatch(/\(25%\), 2 hints opened/);
    expect(renderTable(summary)).not.toMatch(/hints\s+title/);
  });

  it('strips colours and stack lines from failures', () => {
    expect(plainFailure('\u001b[31mError: x\u001b[39m\n    at f (a.ts:1:1)')).toBe('Error: x');
  });

  it('keeps a long piece of advice whole, and cuts a longer failure at a word, saying so', () => {
    const advice = `AssertionError: ${'the final line must be logged however the loop ended, '.repeat(6)}`;
    expect(advice.length).toBeGreaterThan(300);
    expect(plainFailure(advice)).toBe(advice.trim());
    const dump = `${advice}expected [ ${Array.from({ length: 200 }, (_, i) => `'Beat ${i}'`).join(', ')} ]`;
    const cut = plainFailure(dump);
    expect(cut.length).toBeLessThanOrEqual(MAX_FAILURE_CHARS);
    expect(cut.startsWith(`${advice}expected [ 'Beat 0',`)).toBe(true);
    expect(cut).toMatch(/\S…$/);
    expect(dump.startsWith(`${cut.slice(0, -1)} `)).toBe(true); // cut where a word ended
  });
});
