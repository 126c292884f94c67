/**
 * The grade report: what `steady-grade --json <file>` writes, what the course site and the
 * classroom merge read. One contract: the types, a parser that checks a report and says what is
 * wrong with it, and the ANSI stripping used to turn terminal output into plain words.
 * Import from `@steady/grader/report`. Runs in browsers too (no Node imports).
 */

export interface TestResult {
  readonly name: string;
  readonly passed: boolean;
  /** First line of the failure, colours stripped; null when the test passed. */
  readonly failure: string | null;
}

export interface ExerciseResult {
  readonly id: string;
  readonly title: string;
  readonly passed: boolean;
  /** `<test name>: <first line of the failure>`; null when the exercise passed. */
  readonly firstFailure: string | null;
  /** How many of the exercise's hints the learner opened (`npm test -- --hint <exercise>`). */
  readonly hintsOpened: number;
  readonly tests: readonly TestResult[];
}

export interface GradeSummary {
  readonly lesson: string;
  /** Who was graded, when the grader was told (`npm test -- --learner <name>`). */
  readonly learner?: string;
  readonly passed: number;
  readonly total: number;
  /** Percentage of exercises passed, 0–100. */
  readonly score: number;
  readonly exercises: readonly ExerciseResult[];
}

export class GradeFormatError extends Error {
  override name = 'GradeFormatError';
}

// ESC [ parameters, then one final letter: colours, cursor moves, screen clears.
const ANSI_ESCAPES = new RegExp(`${String.fromCharCode(27)}\\[[0-9;?]*[A-Za-z]`, 'g');

/** Text without terminal escape sequences (colours, cursor moves). */
export function stripAnsi(text: string): string {
  return text.replace(ANSI_ESCAPES, '');
}

/**
 * How long a first failure may be. An exercise's assertion messages carry the advice (what to
 * change, and how), often two hundred characters or more before vitest's "expected … to be …":
 * the advice must come through whole, a long dump of values need not.
 */
export const MAX_FAILURE_CHARS = 600;

/** The first meaningful line of a failure message, without colours or stack, cut at a word if long. */
export function plainFailure(message: string): string {
  const lines = stripAnsi(message).split('\n');
  const first = (lines.find((l) => l.trim() && !l.trim().startsWith('at ')) ?? 'failed').trim();
  if (first.length <= MAX_FAILURE_CHARS) return first;
  const space = first.lastIndexOf(' ', MAX_FAILURE_CHARS - 1);
  return `${first.slice(0, space > MAX_FAILURE_CHARS / 2 ? space : MAX_FAILURE_CHARS - 1)}…`;
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
const isCount = (v: unknown): v is number => isNumber(v) && Number.isInteger(v) && v >= 0;

/** Checks an already parsed report; throws a GradeFormatError that says what is wrong. */
export function validateGradeSummary(data: unknown): GradeSummary {
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
    if (raw.hintsOpened !== undefined && !isCount(raw.hintsOpened))
      throw new GradeFormatError(`grade report: ${where}.hintsOpened must be a whole number >= 0`);
    return {
      id: field(raw, 'id', isString, where),
      title: isString(raw.title) ? raw.title : field(raw, 'id', isString, where),
      passed: field(raw, 'passed', isBoolean, where),
      firstFailure: isStringOrNull(raw.firstFailure) ? raw.firstFailure : null,
      // Reports written before hints were counted have none.
      hintsOpened: isCount(raw.hintsOpened) ? raw.hintsOpened : 0,
      tests,
    };
  });
  const passed = exercises.filter((e) => e.passed).length;
  if (data.learner !== undefined && (!isString(data.learner) || !data.learner.trim()))
    throw new GradeFormatError('grade report: report.learner must be a non-empty string');
  return {
    lesson: field(data, 'lesson', isString, 'report'),
    ...(isString(data.learner) ? { learner: data.learner } : {}),
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

/** Parses the text of the grader's JSON file; throws a GradeFormatError that says what is wrong. */
export function parseGradeSummary(text: string): GradeSummary {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new GradeFormatError('grade report is not valid JSON (the grader may have been stopped)');
  }
  return validateGradeSummary(data);
}

/** One test file's results, in the shape of vitest's JSON reporter (the part the grade reads). */
export interface FileResults {
  /** The test file's path (absolute or lesson-relative, either separator). */
  readonly name: string;
  readonly status: string;
  readonly message?: string;
  readonly assertionResults: readonly {
    readonly title: string;
    readonly fullName: string;
    readonly status: string;
    readonly failureMessages: readonly string[];
  }[];
}

/** The exercise a test file belongs to: the folder after `exercises/`. */
export function exerciseIdOf(testFile: string): string | undefined {
  const parts = testFile.split('\\').join('/').split('/');
  const at = parts.lastIndexOf('exercises');
  return at >= 0 ? parts[at + 1] : undefined;
}

export interface GradeOptions {
  /** Hints opened per exercise (recorded for instructors). */
  readonly hintsOpened?: (exerciseId: string) => number;
  /** Why there are no results at all, when the test run produced none. */
  readonly noResults?: string;
}

/**
 * The grading rules, the same wherever the tests ran (`steady-grade` on Node, the browser engine in
 * the page): an exercise passes when every test of its folder passes; a test file that could not
 * load counts as a failed test; an exercise with no test at all fails; the first failure in plain words.
 */
export function gradeResults(
  lesson: string,
  exercises: readonly { readonly id: string; readonly title: string }[],
  testResults: readonly FileResults[] | undefined,
  options: GradeOptions = {},
): GradeSummary {
  const outcomes = exercises.map((exercise): ExerciseResult => {
    const tests: TestResult[] = [];
    for (const file of testResults?.filter((r) => exerciseIdOf(r.name) === exercise.id) ?? []) {
      if (file.assertionResults.length === 0 && file.status !== 'passed') {
        // The test file itself failed to load (a syntax or type error in the learner's file, say).
        const name = file.name.split('\\').join('/');
        tests.push({
          name: name.slice(name.lastIndexOf('/') + 1),
          passed: false,
          failure: plainFailure(file.message || 'failed to load'),
        });
      }
      for (const test of file.assertionResults) {
        const passed = test.status === 'passed';
        tests.push({
          name: test.fullName || test.title,
          passed,
          failure: passed ? null : plainFailure(test.failureMessages[0] ?? test.status),
        });
      }
    }
    if (tests.length === 0)
      tests.push({
        name: exercise.id,
        passed: false,
        failure: testResults
          ? 'no test ran for this exercise'
          : (options.noResults ?? 'the test runner produced no results'),
      });
    const failed = tests.find((t) => !t.passed);
    return {
      id: exercise.id,
      title: exercise.title,
      passed: !failed,
      firstFailure: failed ? `${failed.name}: ${failed.failure}` : null,
      hintsOpened: options.hintsOpened?.(exercise.id) ?? 0,
      tests,
    };
  });
  const passed = outcomes.filter((o) => o.passed).length;
  return {
    lesson,
    passed,
    total: outcomes.length,
    score: outcomes.length === 0 ? 0 : Math.round((100 * passed) / outcomes.length),
    exercises: outcomes,
  };
}
