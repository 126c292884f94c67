/**
 * The grader's JSON summary (`steady-grade --json <file>`), read and checked. The site grades from
 * this file, never from the exit code (inside WebContainers the exit code can be wrong).
 */

export interface TestResult {
  readonly name: string;
  readonly passed: boolean;
  readonly failure: string | null;
}

export interface ExerciseResult {
  readonly id: string;
  readonly title: string;
  readonly passed: boolean;
  readonly firstFailure: string | null;
  readonly tests: readonly TestResult[];
}

export interface GradeSummary {
  readonly lesson: string;
  readonly passed: number;
  readonly total: number;
  readonly score: number;
  readonly exercises: readonly ExerciseResult[];
}

export class GradeFormatError extends Error {
  override name = 'GradeFormatError';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function field<T>(
  object: Record<string, unknown>,
  key: string,
  check: (v: unknown) => v is T,
  where: string,
): T {
  const value = object[key];
  if (!check(value))
    throw new GradeFormatError(`grade report: ${where}.${key} is missing or has the wrong type`);
  return value;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const isArray = (v: unknown): v is unknown[] => Array.isArray(v);
const isStringOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string';

/** Parses the text of the grader's JSON file; throws a GradeFormatError that says what is wrong. */
export function parseGradeSummary(text: string): GradeSummary {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new GradeFormatError('grade report is not valid JSON (the grader may have been stopped)');
  }
  if (!isObject(data)) throw new GradeFormatError('grade report is not a JSON object');
  const exercises = field(data, 'exercises', isArray, 'report').map((raw, i): ExerciseResult => {
    const where = `exercises[${i}]`;
    if (!isObject(raw)) throw new GradeFormatError(`grade report: ${where} is not an object`);
    const tests = (isArray(raw.tests) ? raw.tests : []).map((t, j): TestResult => {
      if (!isObject(t)) throw new GradeFormatError(`grade report: ${where}.tests[${j}] is not an object`);
      return {
        name: field(t, 'name', isString, `${where}.tests[${j}]`),
        passed: field(t, 'passed', isBoolean, `${where}.tests[${j}]`),
        failure: isStringOrNull(t.failure) ? t.failure : null,
      };
    });
    return {
      id: field(raw, 'id', isString, where),
      title: isString(raw.title) ? raw.title : field(raw, 'id', isString, where),
      passed: field(raw, 'passed', isBoolean, where),
      firstFailure: isStringOrNull(raw.firstFailure) ? raw.firstFailure : null,
      tests,
    };
  });
  const passed = exercises.filter((e) => e.passed).length;
  return {
    lesson: field(data, 'lesson', isString, 'report'),
    passed: isNumber(data.passed) ? data.passed : passed,
    total: isNumber(data.total) ? data.total : exercises.length,
    score: isNumber(data.score)
      ? data.score
      : exercises.length
        ? Math.round((100 * passed) / exercises.length)
        : 0,
    exercises,
  };
}
