/**
 * A vitest reporter that writes the results of every project of the run, in the shape of
 * vitest's own JSON reporter (which leaves the project out), to the file named by
 * STEADY_GRADE_RESULTS: `{ "<project>": { testResults: [...] } }`. One run can thus grade
 * several variants of the same exercise files side by side. Plain JavaScript: vitest loads it.
 */
import { writeFileSync } from 'node:fs';

/** @param {{ message?: string, stack?: string, name?: string }} error */
function errorText(error) {
  return error.stack || (error.name ? `${error.name}: ${error.message ?? ''}` : (error.message ?? 'failed'));
}

/** @param {import('vitest/node').TestCase} test */
function fullNameOf(test) {
  const names = [test.name];
  for (let parent = test.parent; parent && parent.type === 'suite'; parent = parent.parent) {
    names.unshift(parent.name);
  }
  return names.join(' ');
}

export default class ResultsReporter {
  /** @param {readonly import('vitest/node').TestModule[]} testModules */
  onTestRunEnd(testModules) {
    const file = process.env.STEADY_GRADE_RESULTS;
    if (!file) return;
    /** @type {Record<string, { testResults: unknown[] }>} */
    const projects = {};
    for (const module of testModules) {
      const project = module.project.name;
      projects[project] ??= { testResults: [] };
      const assertionResults = [];
      for (const test of module.children.allTests()) {
        const result = test.result();
        const status =
          result.state === 'passed' ? 'passed' : result.state === 'failed' ? 'failed' : 'skipped';
        assertionResults.push({
          title: test.name,
          fullName: fullNameOf(test),
          status,
          failureMessages: (result.errors ?? []).map(errorText),
        });
      }
      const moduleErrors = module.errors();
      const failed = module.state() === 'failed' || assertionResults.some((t) => t.status === 'failed');
      projects[project].testResults.push({
        name: module.moduleId,
        status: failed ? 'failed' : 'passed',
        message: moduleErrors[0] ? errorText(moduleErrors[0]) : '',
        assertionResults,
      });
    }
    writeFileSync(file, JSON.stringify(projects));
  }
}
