/**
 * The test worker: runs a lesson's exercise test files on vitest's own runner, in a module worker the
 * page starts for one Test and terminates afterwards. Test files and the files they import come from
 * the Service Worker (the learner's edits included); `vitest` resolves to `./vitest.js`, this same
 * runner instance.
 */
/// <reference lib="webworker" />
import { TURN_MS } from '@steady/grader/starved';
import { type File, startTests, type VitestRunner, type VitestRunnerConfig } from '@vitest/runner';
import { swapSearch } from '../module-swap.ts';
import { RUNTIME_BASE, vfsUrl } from '../urls.ts';
import type { TestWorkerEvent, TestWorkerRequest } from '../worker-protocol.ts';
import { gradeVariant } from './grader-variant.ts';
import { fullNameOf, toResultsJson } from './results.ts';

declare const self: DedicatedWorkerGlobalScope;

function post(event: TestWorkerEvent): void {
  self.postMessage(event);
}

function config(testTimeout: number): VitestRunnerConfig {
  return {
    root: self.location.origin,
    setupFiles: [],
    name: undefined,
    passWithNoTests: false,
    testNamePattern: undefined,
    allowOnly: false,
    sequence: { shuffle: false, concurrent: false, seed: 0, hooks: 'stack', setupFiles: 'list' },
    chaiConfig: undefined,
    maxConcurrency: 5,
    testTimeout,
    hookTimeout: testTimeout,
    retry: 0,
    includeTaskLocation: false,
    tags: [],
    tagsFilter: undefined,
    strictTags: false,
  };
}

const GREEN = '\x1b[32m';
const RED = '\x1b[31m';
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

/** One line per finished test, as vitest's default reporter prints them. */
function reportTask(task: File['tasks'][number], file: string): void {
  if (task.type !== 'test' || !task.result) return;
  const name = (task as { fullTestName?: string }).fullTestName || task.name;
  if (task.result.state === 'pass')
    post({ type: 'output', data: `${GREEN}✓${RESET} ${DIM}${file} >${RESET} ${name}\r\n` });
  if (task.result.state === 'fail') {
    post({ type: 'output', data: `${RED}✗${RESET} ${DIM}${file} >${RESET} ${name}\r\n` });
    for (const error of task.result.errors ?? [])
      post({ type: 'output', data: `  ${RED}${(error.message ?? '').replace(/\n/g, '\r\n  ')}${RESET}\r\n` });
  }
}

async function run(request: TestWorkerRequest, host: RuntimeHost): Promise<void> {
  gradeVariant(request);
  // A learner's test graded against a stand-in: its files, and all they import, in the swapped graph.
  const search = request.swap ? swapSearch(request.swap) : '';
  const urls = request.files.map(
    (path) => new URL(vfsUrl(request.lesson, path) + search, self.location.origin).href,
  );
  const nameOf = (url: string) => request.files[urls.indexOf(url)] ?? url;
  const runner: VitestRunner = {
    config: config(request.testTimeoutMs),
    async importFile(filepath) {
      await import(/* @vite-ignore */ filepath);
    },
    onBeforeRunTask(test) {
      if (test.type !== 'test') return;
      post({
        type: 'test-started',
        file: nameOf(test.file.filepath),
        title: test.name,
        fullName: fullNameOf(test),
      });
    },
    onAfterRunTask(test) {
      reportTask(test, nameOf(test.file.filepath));
    },
    onAfterRunSuite(suite) {
      // A whole file done: kept by the page, in case a later file never gives the thread back.
      if (suite.file === suite) post({ type: 'file-done', json: toResultsJson([suite.file], nameOf) });
    },
    onAfterRunFiles(files) {
      for (const file of files ?? [])
        if (file.result?.state === 'fail' && file.result.errors?.length)
          post({
            type: 'output',
            data: `${RED}✗ ${nameOf(file.filepath)} failed to load: ${file.result.errors[0]?.message ?? ''}${RESET}\r\n`,
          });
    },
  };
  const files = await startTests(urls, runner);
  await host.threadsSettled(); // the page terminates this worker on `results`
  post({ type: 'results', json: toResultsJson(files, nameOf) });
}

/** The runtime's browser host, as its browser build serves it (`browser-host.js`). */
type RuntimeHost = typeof import('@steady/runtime/browser-host');

/** The runtime's browser shell: `process`, and console and every thread's logs sent to the page. */
async function installShell(): Promise<RuntimeHost> {
  const host = (await import(/* @vite-ignore */ `${RUNTIME_BASE}browser-host.js`)) as RuntimeHost;
  host.installShell({
    sink: (_stream, text) => post({ type: 'output', data: text.replace(/\r?\n/g, '\r\n') }),
    colours: true,
  });
  return host;
}
// A learner's loop that never really waits would keep this thread busy for ever, vitest's test
// timeout included: the page stops a worker that has not said so for long (engine/browser.ts).
setInterval(() => post({ type: 'turn' }), TURN_MS);

const shell = installShell();
shell.then(
  () => post({ type: 'ready' }),
  () => {}, // reported with the test request, which waits for the shell
);

self.addEventListener('message', (event: MessageEvent<TestWorkerRequest>) => {
  if (event.data?.type !== 'test') return;
  shell
    .then((host) => run(event.data, host))
    .catch((error: unknown) =>
      post({
        type: 'error',
        message: error instanceof Error ? (error.stack ?? error.message) : String(error),
      }),
    );
});
