import { describe, expect, it } from 'vitest';
import { GradeFormatError, parseGradeSummary, stripAnsi, validateGradeSummary } from '../src/report.ts';

const exercise = { id: '01-x', title: 'X', passed: true, firstFailure: null, tests: [] };

describe('the grade report contract', () => {
  it('reads hints opened and the learner, and defaults hints to 0 for older reports', () => {
    const report = validateGradeSummary({
      lesson: '01-minimum',
      learner: 'alice',
      exercises: [
        { ...exercise, hintsOpened: 2 },
        { ...exercise, id: '02-y' },
      ],
    });
    expect(report.learner).toBe('alice');
    expect(report.exercises.map((e) => e.hintsOpened)).toEqual([2, 0]);
    expect(report).toMatchObject({ passed: 2, total: 2, score: 100 });
  });

  it('refuses a bad hint count or learner with a clear message', () => {
    expect(() =>
      validateGradeSummary({ lesson: 'l', exercises: [{ ...exercise, hintsOpened: 1.5 }] }),
    ).toThrow(/exercises\[0\]\.hintsOpened must be a whole number >= 0/);
    expect(() => parseGradeSummary('{"lesson":"l","learner":"","exercises":[]}')).toThrow(GradeFormatError);
  });

  it('strips colours, cursor moves and screen clears', () => {
    expect(stripAnsi('\u001b[2J\u001b[H\u001b[31mred\u001b[39m \u001b[?25lok')).toBe('red ok');
  });
});
