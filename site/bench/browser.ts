/**
 * The `browser` section of `npm run bench -w site`: the browser engine as a learner meets it, in
 * Chromium, on the built site served by a plain static host (no runner).
 *
 * 1. Cold: a fresh browser profile opens lesson 01 and presses Run: page load → Heartbeat 3
 *    (includes the Service Worker's first install, which precaches the site).
 * 2. Warm: the same profile loads the page again and presses Run: load → Heartbeat 3; then once
 *    more, pressing Run as soon as it is enabled (before the editor shows, as a learner may).
 * 3. Test → grade for lesson 01 (the four exercises, starters).
 * 4. Lesson 04's throughput with `--beats 2000`, as the lesson prints it, and the same work with
 *    batched postMessage between two workers of the same page, side by side, both on an idle
 *    machine (Run is pressed once the editor has shown and the cores are idle); then, for scale on
 *    the day's machine, the same lesson run under Node (its `npm start` command, as native mode's
 *    Run starts it) once its pages have closed (with `--smoke`, while they run).
 * Each run prints where its time went: the engine's `performance.mark`s (`engine/marks.ts`) and
 * the bench's own (`page-marks.ts`), in ms since the page's navigation started.
 *
 * `--smoke`: one cold run (Run pressed as soon as it is enabled) and Test of lesson 01, a short
 * lesson 04 run and a short postMessage run, the two lessons side by side in two pages, and the
 * run under Node meanwhile: seconds beyond the build, proves the bench works
 * (`site/test/bench.test.ts`), measures nothing.
 * Warm runs wait until the first visit's precache is complete: a returning learner's visit.
 * Every measured visit and run starts on an idle machine (see `idleBefore`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { count, describeRun, fixed, formatTable, machineIdle, runProgram } from '@steady/runtime/bench';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PRECACHE_MANIFEST, siteCacheName } from '../src/client/browser/urls.ts';
import { ENGINE_MARKS } from '../src/client/engine/marks.ts';
import { lessonCommand } from '../src/node/lesson-script.ts';
import { LESSONS_DIR } from '../src/node/lessons.ts';
import { DIST_DIR } from '../src/node/serve.ts';
import { startStaticHost } from '../test/static-host.ts';
import { bundleForPage } from './page-bundle.ts';
import { PAGE_MARKS, type PressRun } from './page-marks.ts';
import { batchedPostMessageInPage } from './postmessage.ts';

const LIMIT_MS = 300_000;
const LESSON_01_ARGS = '--rate 100 --beats 3';
/** Lesson 04's graph in the page must move at least this many messages a second. */
const RINGS_TARGET = 300e6;

/** Whether a figure met its target, in the site bench's words; a smoke run's figures mean nothing. */
const verdict = (met: boolean, smoke: boolean) => (smoke ? 'n/a (smoke)' : met ? 'met' : 'MISSED');

/** Marks by name (the last of each name), in ms since the page's navigation started. */
type Timeline = Readonly<Record<string, number>>;

interface Phase {
  readonly label: string;
  readonly mark: string;
}

/** A Run, in the order things normally happen (rows are sorted by the cold run's times). */
const RUN_PHASES: readonly Phase[] = [
  { label: 'page loaded (load event)', mark: 'load' },
  { label: 'engine ready (Service Worker controls the page)', mark: ENGINE_MARKS.engineReady },
  { label: 'playground ready (editor shown)', mark: PAGE_MARKS.playgroundReady },
  { label: 'Run pressed', mark: PAGE_MARKS.runPressed },
  { label: 'engine starts the run', mark: ENGINE_MARKS.runStart },
  { label: 'files written and compiled (Service Worker)', mark: ENGINE_MARKS.runFilesWritten },
  { label: 'program worker ready (runtime loaded)', mark: ENGINE_MARKS.programWorkerReady },
  { label: 'first output line', mark: ENGINE_MARKS.programFirstOutput },
  { label: 'Heartbeat 3 shown', mark: PAGE_MARKS.outputSeen },
];

const TEST_PHASES: readonly Phase[] = [
  { label: 'Test pressed', mark: PAGE_MARKS.testPressed },
  { label: 'engine starts the grading', mark: ENGINE_MARKS.testStart },
  { label: 'files written and compiled (Service Worker)', mark: ENGINE_MARKS.testFilesWritten },
  { label: 'test worker ready (runner and runtime loaded)', mark: ENGINE_MARKS.testWorkerReady },
  { label: 'results from the test worker', mark: ENGINE_MARKS.testResults },
  { label: 'grade shown', mark: PAGE_MARKS.graded },
];

async function timeline(page: Page): Promise<Timeline> {
  return page.evaluate(() => {
    const marks: Record<string, number> = {};
    for (const mark of performance.getEntriesByType('mark')) marks[mark.name] = mark.startTime;
    const navigation = performance.getEntriesByType('navigation')[0] as
      | PerformanceNavigationTiming
      | undefined;
    if (navigation) marks.load = navigation.loadEventEnd;
    return marks;
  });
}

async function waitForTerminal(page: Page, pattern: RegExp, pollMs?: number): Promise<void> {
  await page.evaluate(
    ({ source, flags, limit, pollMs }) => window.steadyBench.waitForTerminal(source, flags, limit, pollMs),
    { source: pattern.source, flags: pattern.flags, limit: LIMIT_MS, pollMs },
  );
}

async function waitForRunEnd(page: Page): Promise<void> {
  await page.waitForFunction(
    () => /exit code|Exited|Stopped/.test(document.querySelector('[data-testid=status]')?.textContent ?? ''),
    undefined,
    { timeout: LIMIT_MS },
  );
}

interface RunOptions {
  /** The page shows the lesson already: press Run without loading it again. */
  readonly alreadyOpen?: boolean;
  /** How often the page looks for `pattern` (see `BenchPage.waitForTerminal`). */
  readonly pollMs?: number;
}

/**
 * Opens a lesson, presses Run (see `press`), waits for `pattern`; wall-clock ms and the marks.
 * Run is pressed from inside the page (`steadyBench.pressRun`), as one click the moment `press`
 * comes true: Playwright's own fill and click first wait for the element to hold still over two
 * frames, each step a round trip to a page that is busy mounting the editor, which delayed the
 * press by 300-500 ms more than a learner's click would be.
 */
async function openAndRun(
  page: Page,
  url: string,
  args: string,
  pattern: RegExp,
  press: PressRun,
  { alreadyOpen = false, pollMs }: RunOptions = {},
) {
  const start = Date.now();
  if (!alreadyOpen) await page.goto(url, { waitUntil: 'commit' });
  await page.evaluate(({ args, press, limit }) => window.steadyBench.pressRun(args, press, limit), {
    args,
    press,
    limit: LIMIT_MS,
  });
  await waitForTerminal(page, pattern, pollMs);
  return { press, wall: Date.now() - start, marks: await timeline(page) };
}

/**
 * Measured, every visit and run starts on an idle machine (`machineIdle`): what the last one left
 * running must not share the cores with it. After an early Run the page's editor starts once the
 * Run's modules have come, and its TypeScript worker checks the lesson for seconds after the page's
 * own main thread has gone quiet: a first visit measured meanwhile took 3.2-3.4 s instead of 1.7.
 * A smoke run measures nothing and does not wait (a test run's machine is never idle); its
 * lesson 04 run is pressed at once, before this wait (see `lesson04`).
 */
const notIdle: string[] = [];

async function idleBefore(what: string): Promise<void> {
  if (!(await machineIdle())) notIdle.push(what);
}

/** Waits until the Service Worker has cached every file of the build's precache list; ms since `since`. */
async function waitForPrecache(page: Page, since: number): Promise<number> {
  const list = JSON.parse(readFileSync(join(DIST_DIR, PRECACHE_MANIFEST), 'utf8')) as {
    version: string;
    files: string[];
  };
  await page.waitForFunction(
    async ({ name, files }) => {
      const cache = await caches.open(name);
      for (const file of files) if (!(await cache.match(file))) return false;
      return true;
    },
    { name: siteCacheName(list.version), files: list.files },
    { timeout: LIMIT_MS, polling: 500 },
  );
  return Date.now() - since;
}

async function gradeLesson(page: Page) {
  const before = await page.evaluate(() => window.steadyPlayground?.gradings() ?? 0);
  const start = Date.now();
  await page.click('[data-testid=test]');
  await page.evaluate(({ before, limit }) => window.steadyBench.waitForGrading(before, limit), {
    before,
    limit: LIMIT_MS,
  });
  return { wall: Date.now() - start, marks: await timeline(page) };
}

const ms = (n: number | undefined) => (n === undefined ? '-' : `${fixed(n, 0)} ms`);

/** One row per phase, one column per run: when it happened, relative to `origin` of that run. */
function phaseTable(
  phases: readonly Phase[],
  runs: readonly { name: string; marks: Timeline; origin: string | null }[],
): string {
  const at = (marks: Timeline, origin: string | null, mark: string) => {
    const time = marks[mark];
    if (time === undefined) return undefined;
    return origin ? time - (marks[origin] ?? 0) : time;
  };
  const first = runs[0];
  const sorted = first
    ? [...phases].sort(
        (a, b) =>
          (at(first.marks, first.origin, a.mark) ?? Infinity) -
          (at(first.marks, first.origin, b.mark) ?? Infinity),
      )
    : phases;
  return formatTable(
    [{ header: 'phase', align: 'left' }, ...runs.map((r) => r.name)],
    sorted.map((phase) => [phase.label, ...runs.map((r) => ms(at(r.marks, r.origin, phase.mark)))]),
  );
}

/** `total: 2,888,892,416 messages through the worker in 12.2 s, average 236.0M messages/s`. */
function lessonThroughput(text: string): { messages: number; seconds: number } | undefined {
  const line = /total: ([\d,]+) messages through the worker in ([\d.]+) s/.exec(text);
  if (!line) return undefined;
  return { messages: Number(line[1]?.replace(/,/g, '')), seconds: Number(line[2]) };
}

async function lesson04(
  context: BrowserContext,
  host: string,
  beats: number,
  postMessages: number,
  press: PressRun,
) {
  const page = await context.newPage();
  try {
    const url = `${host}lessons/04-performant`;
    if (press === 'the editor shows') {
      // Measured, the run starts on an idle machine, as the postMessage run after it does: the
      // editor's first colouring of the lesson's file (seconds of the page's main thread on a slow
      // machine) and its TypeScript worker's check of the lesson must not share the cores with one
      // of the two and not the other.
      await page.goto(url, { waitUntil: 'commit' });
      await page.waitForSelector('[data-testid=playground][data-editor-ready=true]', { timeout: LIMIT_MS });
      await idleBefore('lesson 04');
    }
    // The throughput line is read, not timed: looking for it every 5 ms, each look reading the
    // whole terminal, took about a second of the page's main thread during a 7 s run.
    await openAndRun(page, url, `--beats ${beats}`, /messages\/s/, press, {
      alreadyOpen: press === 'the editor shows',
      pollMs: 250,
    });
    await waitForRunEnd(page);
    const text = (await page.evaluate(() => window.steadyPlayground?.terminalText() ?? '')) as string;
    const rings = lessonThroughput(text);
    if (!rings) throw new Error(`lesson 04 printed no throughput line:\n${text}`);
    const postMessage = await batchedPostMessageInPage(page, postMessages);
    return { rings, postMessage };
  } finally {
    await page.close();
  }
}

/** The same lesson 04 run under Node on this machine (`npm start` in its folder), for scale. */
async function lesson04UnderNode(beats: number): Promise<{ messages: number; seconds: number }> {
  // The command native mode's Run starts for the lesson's `npm start` (npm's own start left out).
  const dir = join(LESSONS_DIR, '04-performant');
  const start = lessonCommand(dir, 'start', ['--beats', String(beats)]);
  const run = await runProgram(start.command, start.args, {
    cwd: dir,
    env: { PATH: start.path },
    timeoutMs: LIMIT_MS,
  });
  const rings = lessonThroughput(run.stdout);
  if (run.code !== 0 || !rings)
    throw new Error(`lesson 04 under Node printed no throughput line:\n${describeRun(run)}`);
  return rings;
}

interface Lesson01Run {
  readonly name: string;
  readonly press: PressRun;
  readonly wall: number;
  readonly marks: Timeline;
}

/**
 * Lesson 01 as a learner meets it: a first visit's Run; measured, then the warm visits and a second
 * first visit (a fresh profile); then Test in the first page. `precacheMs`: when the first visit's
 * precache was complete (not waited for in a smoke run).
 */
async function lesson01Visits(
  browser: Browser,
  context: BrowserContext,
  host: string,
  watchScript: { content: string },
  smoke: boolean,
): Promise<{ runs: Lesson01Run[]; grading: Awaited<ReturnType<typeof gradeLesson>>; precacheMs?: number }> {
  const page = await context.newPage();
  const lesson01 = `${host}lessons/01-minimum`;
  const runs: Lesson01Run[] = [];
  const start = Date.now();
  let precacheMs: number | undefined;
  // A smoke run measures nothing: it presses Run as soon as it can, not after the editor's start.
  const coldPress = smoke ? 'it is enabled' : 'the editor shows';
  if (!smoke) await idleBefore('the first visit');
  const cold = await openAndRun(page, lesson01, LESSON_01_ARGS, /Heartbeat 3/, coldPress);
  runs.push({ name: 'cold', ...cold });
  await waitForRunEnd(page);
  if (!smoke) {
    // Warm is a returning learner's visit: the first visit's precache (the whole site, in the
    // background) is done. Measured while it still runs, the page would share the network and
    // the Service Worker with it.
    precacheMs = await waitForPrecache(page, start);
    await idleBefore('the warm visit');
    const warm = await openAndRun(page, lesson01, LESSON_01_ARGS, /Heartbeat 3/, 'the editor shows');
    runs.push({ name: 'warm', ...warm });
    await waitForRunEnd(page);
    await idleBefore('the warm visit with an early Run');
    const early = await openAndRun(page, lesson01, LESSON_01_ARGS, /Heartbeat 3/, 'it is enabled');
    runs.push({ name: 'warm, early Run', ...early });
    await waitForRunEnd(page);
    // A first visit again (a fresh profile), Run pressed as soon as it is enabled. Not while the
    // page left open is still busy: after an early Run, its editor starts once the Run's modules
    // have come, and a visit measured meanwhile would share the cores with that start.
    await idleBefore('the second first visit');
    const fresh = await browser.newContext();
    await fresh.addInitScript(watchScript);
    const freshPage = await fresh.newPage();
    const coldEarly = await openAndRun(freshPage, lesson01, LESSON_01_ARGS, /Heartbeat 3/, 'it is enabled');
    runs.push({ name: 'cold, early Run', ...coldEarly });
    await waitForRunEnd(freshPage);
    await fresh.close();
  }
  if (!smoke) await idleBefore('Test');
  const grading = await gradeLesson(page);
  await page.close();
  return { runs, grading, precacheMs };
}

/** Runs lesson 01 and lesson 04 in the browser engine in `browser`, and prints where the time went. */
export async function browserEngineBench(browser: Browser, smoke: boolean): Promise<void> {
  const beats = smoke ? 2 : 2000;
  const postMessages = smoke ? 2 ** 22 : 2 ** 29;
  // A smoke run measures nothing: its run under Node need not wait for the browser to close.
  const smokeUnderNode = smoke ? lesson04UnderNode(beats) : undefined;
  smokeUnderNode?.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
  // The page script is bundled while the static host starts.
  const marksScript = bundleForPage(new URL('./page-watch.ts', import.meta.url), 'iife');
  marksScript.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
  const host = await startStaticHost(DIST_DIR);
  const context = await browser.newContext();
  try {
    const watchScript = { content: await marksScript };
    await context.addInitScript(watchScript);
    const lesson01 = () => lesson01Visits(browser, context, host.url, watchScript, smoke);
    // Measured, lesson 04 starts once the editor has shown and the page is quiet (see `lesson04`),
    // after lesson 01's visits. A smoke run measures nothing: it opens both lessons side by side
    // (as a learner with two tabs), presses Run as soon as it can, and waits for nothing.
    const lesson04Run = () =>
      lesson04(context, host.url, beats, postMessages, smoke ? 'it is enabled' : 'the editor shows');
    const [{ runs, grading, precacheMs }, { rings, postMessage }] = smoke
      ? await Promise.all([lesson01(), lesson04Run()])
      : [await lesson01(), await lesson04Run()];
    await context.close(); // nothing of the pages may compete with the run under Node
    const underNode = await (smokeUnderNode ?? lesson04UnderNode(beats));

    console.log(`\nBrowser engine, Chromium, static host (no runner)${smoke ? ', --smoke' : ''}\n`);
    // The targets are for a Run pressed as soon as it is enabled (the page can run the lesson then);
    // a Run pressed once the editor shows also waits for the editor's own start.
    const loadTarget = (r: (typeof runs)[number]) =>
      r.press === 'it is enabled' ? (r.name.startsWith('cold') ? 2000 : 1000) : undefined;
    console.log(
      formatTable(
        [
          { header: 'measure', align: 'left' },
          'ms',
          { header: 'target', align: 'left' },
          { header: 'verdict', align: 'left' },
        ],
        [
          ...runs.map((r) => {
            const target = loadTarget(r);
            return [
              `${r.name} load → Heartbeat 3 (lesson 01, ${LESSON_01_ARGS}, Run pressed once ${r.press})`,
              fixed(r.wall, 0),
              target === undefined ? '-' : `< ${target}`,
              target === undefined ? '-' : verdict(r.wall < target, smoke),
            ];
          }),
          [
            'Test → grade, lesson 01 (4 exercises)',
            fixed(grading.wall, 0),
            '< 1500',
            verdict(grading.wall < 1500, smoke),
          ],
        ],
      ),
    );
    if (notIdle.length > 0)
      console.log(`\nThe machine was still busy after 20 s before ${notIdle.join(', ')}: measured anyway.`);
    if (precacheMs !== undefined)
      console.log(
        `\nThe first visit's precache (the whole site) was complete ${fixed(precacheMs / 1000, 1)} s after the cold load began; the warm runs came after it.`,
      );
    console.log('\nRun, lesson 01: when each phase happened (ms since the navigation started)\n');
    console.log(
      phaseTable(
        RUN_PHASES,
        runs.map((r) => ({ name: r.name, marks: r.marks, origin: null })),
      ),
    );
    console.log('\nTest, lesson 01 (after the last Run, same page): ms since Test was pressed\n');
    console.log(
      phaseTable(TEST_PHASES, [{ name: 'test', marks: grading.marks, origin: PAGE_MARKS.testPressed }]),
    );
    const rate = (messages: number, seconds: number) => `${fixed(messages / seconds / 1e6, 1)} M/s`;
    const ringsRate = rings.messages / rings.seconds;
    const postMessageRate = postMessage.messages / postMessage.seconds;
    console.log('\nLesson 04 in the same page: the runtime’s rings against batched postMessage\n');
    console.log(
      formatTable(
        [
          { header: 'pipeline', align: 'left' },
          'messages',
          's',
          'messages/s',
          { header: 'target', align: 'left' },
          { header: 'verdict', align: 'left' },
        ],
        [
          [
            `lesson 04, shared rings (--beats ${beats})`,
            count(rings.messages),
            fixed(rings.seconds, 1),
            rate(rings.messages, rings.seconds),
            `≥ ${RINGS_TARGET / 1e6} M/s`,
            verdict(ringsRate >= RINGS_TARGET, smoke),
          ],
          [
            'batched postMessage, 2 workers (64 Ki values a batch, 8 in flight)',
            count(postMessage.messages),
            fixed(postMessage.seconds, 1),
            rate(postMessage.messages, postMessage.seconds),
            'below the rings',
            verdict(postMessageRate < ringsRate, smoke),
          ],
          [
            `for scale: lesson 04 under Node, as native mode runs it (--beats ${beats}), right after`,
            count(underNode.messages),
            fixed(underNode.seconds, 1),
            rate(underNode.messages, underNode.seconds),
            '-',
            '-',
          ],
        ],
      ),
    );
  } finally {
    await context.close();
    await host.close();
  }
}
