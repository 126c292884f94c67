/**
 * vitest's results (the runner's File tasks) in the shape of vitest's JSON reporter, the subset the
 * grader reads (`testResults[].assertionResults[]`), so the page grades them as `steady-grade` does.
 */
import type { File, Task, Test } from '@vitest/runner';

export interface AssertionJson {
  readonly title: string;
  readonly fullName: string;
  readonly status: string;
  readonly failureMessages: readonly string[];
}

export interface FileJson {
  /** Lesson-relative path of the test file. */
  readonly name: string;
  readonly status: string;
  readonly message: string;
  readonly assertionResults: readonly AssertionJson[];
}

export interface ResultsJson {
  readonly testResults: readonly FileJson[];
}

const STATUS: Readonly<Record<string, string>> = {
  pass: 'passed',
  fail: 'failed',
  skip: 'skipped',
  todo: 'todo',
  queued: 'pending',
  run: 'pending',
};

function testsOf(task: Task): Test[] {
  if (task.type === 'test') return [task];
  return 'tasks' in task ? task.tasks.flatMap(testsOf) : [];
}

/** Names of the enclosing `describe` blocks, outermost first (the file itself is not one). */
function ancestorTitles(test: Test): string[] {
  const titles: string[] = [];
  for (let suite = test.suite; suite && suite.id !== test.file.id; suite = suite.suite)
    titles.push(suite.name);
  return titles.reverse();
}

/** A test's name with those of its `describe` blocks, as vitest's JSON reporter gives it. */
export function fullNameOf(test: Test): string {
  return [...ancestorTitles(test), test.name].join(' ');
}

function errorText(error: { stack?: string; message?: string } | undefined): string {
  return error?.stack || error?.message || 'failed';
}

/** The JSON reporter's view of `files`; `nameOf` turns a file's URL into its lesson-relative path. */
export function toResultsJson(files: readonly File[], nameOf: (filepath: string) => string): ResultsJson {
  return {
    testResults: files.map((file): FileJson => {
      const tests = testsOf(file);
      const assertionResults = tests.map((test): AssertionJson => {
        return {
          title: test.name,
          fullName: fullNameOf(test),
          status: STATUS[test.result?.state ?? test.mode] ?? 'skipped',
          failureMessages: test.result?.errors?.map(errorText) ?? [],
        };
      });
      const failed = file.result?.state === 'fail' || tests.some((t) => t.result?.state === 'fail');
      return {
        name: nameOf(file.filepath),
        status: failed ? 'failed' : 'passed',
        message: file.result?.errors?.[0]?.message ?? '',
        assertionResults,
      };
    }),
  };
}
