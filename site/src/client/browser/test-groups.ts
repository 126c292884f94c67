/**
 * Test files run in a few test workers at once, as the native grader runs two test files at once:
 * exercise tests mostly wait on timers and on actor threads starting, so a lesson grades in about
 * the time of its slowest files instead of the sum of all. Each worker runs its share of the files
 * (workers also keep files apart, as vitest's own workers do); their results are put back together
 * in the lesson's file order.
 */
import type { FileJson, ResultsJson } from './testkit/results.ts';

/** How many test workers one grading starts at most. */
export const TEST_WORKERS = 2;

/** `files` dealt round-robin into at most `workers` non-empty groups (one empty group for no files). */
export function splitTestFiles(files: readonly string[], workers = TEST_WORKERS): string[][] {
  const count = Math.max(1, Math.min(workers, files.length));
  const groups: string[][] = Array.from({ length: count }, () => []);
  for (const [i, file] of files.entries()) groups[i % count]?.push(file);
  return groups;
}

/** The results of every group as one report, its files in the order of `files`. */
export function mergeTestResults(files: readonly string[], parts: readonly ResultsJson[]): ResultsJson {
  const order = (result: FileJson) => {
    const at = files.indexOf(result.name);
    return at < 0 ? files.length : at;
  };
  return { testResults: parts.flatMap((part) => part.testResults).sort((a, b) => order(a) - order(b)) };
}
