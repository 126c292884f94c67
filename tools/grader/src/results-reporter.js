/**
 * A vitest reporter that writes the results of every project of the run, in the shape of
 * vitest's own JSON reporter (which leaves the project out), to the file named by
 * STEADY_GRADE_RESULTS: `{ "<project>": { testResults: [...] } }`. One run can thus grade
 * several variants of the same exercise files side by side. Plain JavaScript: vitest loads it.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { starvedTestMessage } from './starved.js';

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
    foldStarvedTests(file, projects);
    writeFileSync(file, JSON.stringify(projects));
  }
}

/**
 * The notes `starvation-watchdog.js` left for test files it had to end (their tests show as
 * skipped, or missing): each names the test that never gave its thread back, which fails with why.
 * @param {string} resultsFile
 * @param {Record<string, { testResults: any[] }>} projects
 */
function foldStarvedTests(resultsFile, projects) {
  const prefix = `${basename(resultsFile)}.starved-`;
  for (const name of readdirSync(dirname(resultsFile)).filter((n) => n.startsWith(prefix))) {
    const path = join(dirname(resultsFile), name);
    /** @type {{ project?: string, file?: string, test?: string, stuckMs?: number }} */
    let note = {};
    try {
      note = JSON.parse(readFileSync(path, 'utf8'));
    } catch {
      // half written as the process ended: the test file still fails, as skipped
    }
    rmSync(path, { force: true });
    const module = projects[note.project ?? '']?.testResults.find((m) => m.name === note.file);
    if (!module) continue;
    const message = starvedTestMessage(note.stuckMs ?? 0);
    module.status = 'failed';
    const test = module.assertionResults.find((t) => t.title === note.test);
    if (test) {
      test.status = 'failed';
      test.failureMessages = [message];
    } else module.message = message;
  }
}
