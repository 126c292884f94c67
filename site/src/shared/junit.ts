/**
 * A grade report as JUnit XML, the format classroom tools and CI servers read: one test suite per
 * exercise, one test case per test, a `<failure>` with the first failure's message where it failed.
 */
import type { GradeSummary } from '@steady/grader/report';

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Text safe inside an XML attribute or element: entities escaped, characters XML 1.0 forbids dropped. */
function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

export function gradeToJUnit(summary: GradeSummary): string {
  const tests = summary.exercises.reduce((n, e) => n + e.tests.length, 0);
  const failures = summary.exercises.reduce((n, e) => n + e.tests.filter((t) => !t.passed).length, 0);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8" ?>',
    `<testsuites name="${xml(summary.lesson)}" tests="${tests}" failures="${failures}" errors="0">`,
  ];
  for (const exercise of summary.exercises) {
    const failed = exercise.tests.filter((t) => !t.passed).length;
    lines.push(
      `  <testsuite name="${xml(`${exercise.id}: ${exercise.title}`)}" tests="${exercise.tests.length}" failures="${failed}" errors="0" skipped="0">`,
    );
    for (const test of exercise.tests) {
      const open = `    <testcase classname="${xml(exercise.id)}" name="${xml(test.name)}"`;
      if (test.passed) lines.push(`${open} />`);
      else {
        const message = test.failure ?? 'failed';
        lines.push(
          `${open}>`,
          `      <failure message="${xml(message.split('\n')[0] ?? '')}">${xml(message)}</failure>`,
          '    </testcase>',
        );
      }
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
}
