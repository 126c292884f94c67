/**
 * The browser engine end to end, in Debian's Chromium, against the built site on a plain static
 * host (no runner, no Node-side help): Run and Stop of lesson 01 in web workers, compile errors,
 * grades of every exercise of lessons 01-04 and of lesson 05's pure ones (starter fails, solution
 * passes, same grade as the native grader), lesson 05's Run refused before anything starts,
 * lesson 04's real graph, a Service Worker restarted between two requests, offline after one
 * visit, a host that sends no headers, and the engine switch.
 * Every wait waits for a condition, with generous limits for two busy cores.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GradeSummary } from '@steady/grader/report';
import { launchChromium } from '@steady/runtime/testing/chromium';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradeVariants } from '../../tools/grader/src/grade.ts';
import { splitTestFiles } from '../src/client/browser/test-groups.ts';
import { LESSONS_DIR, readLessonBundle } from '../src/node/lessons.ts';
import { DIST_DIR } from '../src/node/serve.ts';
import { buildSiteIfNeeded } from './build-site.ts';
import { seriousViolations } from './e2e-helpers.ts';
import { type StaticHost, startStaticHost } from './static-host.ts';

let host: StaticHost;
let browser: Browser;
let context: BrowserContext;
let page: Page;

type Handle = {
  terminalText(): string;
  workers(): number;
  grade(): GradeSummary | null;
  gradings(): number;
  gradeSolutions(): Promise<GradeSummary>;
  telemetry(): { dots: number; pictures: number; upToDate: boolean; seen: boolean };
  monaco: {
    editor: { getModels(): { uri: { path: string }; setValue(v: string): void; getValue(): string }[] };
  };
  editor: { getPosition(): { lineNumber: number } | null; getModel(): { uri: { path: string } } | null };
};
declare const steadyPlayground: Handle;

const terminalText = (p: Page) => p.evaluate(() => steadyPlayground.terminalText());

async function waitForTerminal(p: Page, pattern: RegExp, timeout = 90_000): Promise<string> {
  await p.waitForFunction(`${pattern}.test(window.steadyPlayground.terminalText())`, undefined, {
    timeout,
    polling: 100,
  });
  return terminalText(p);
}

async function waitForStatus(p: Page, pattern: RegExp, timeout = 90_000): Promise<string> {
  await p.waitForFunction(
    `${pattern}.test(document.querySelector('[data-testid=status]')?.textContent ?? '')`,
    undefined,
    { timeout, polling: 100 },
  );
  return (await p.locator('[data-testid=status]').textContent()) ?? '';
}

async function openLesson(p: Page, lesson: string): Promise<void> {
  await p.goto(`${host.url}lessons/${lesson}`, { waitUntil: 'load' });
  await p.waitForSelector('[data-testid=playground][data-editor-ready=true]', { timeout: 120_000 });
}

/** Puts `content` in the editor model of a lesson file (what typing would do). */
async function setFile(p: Page, path: string, content: string): Promise<void> {
  await p.evaluate(
    ([path, content]) => {
      const model = steadyPlayground.monaco.editor.getModels().find((m) => m.uri.path.endsWith(`/${path}`));
      if (!model) throw new Error(`no model for ${path}`);
      model.setValue(content);
    },
    [path, content] as const,
  );
}

async function run(p: Page, args: string): Promise<void> {
  await p.fill('[data-testid=args]', args);
  await p.click('[data-testid=run]');
}

/** Grades through the Test button and returns the grade the page shows. */
async function test(p: Page): Promise<GradeSummary> {
  const before = await p.evaluate(() => steadyPlayground.gradings());
  await p.click('[data-testid=test]');
  await p.waitForFunction(
    (n) => steadyPlayground.gradings() > n || document.querySelector('[data-testid=error]') !== null,
    before,
    { timeout: 300_000, polling: 200 },
  );
  const grade = await p.evaluate(() => steadyPlayground.grade());
  if (!grade || (await p.evaluate(() => steadyPlayground.gradings())) === before)
    throw new Error(
      `no grade: ${await p.locator('[data-testid=error]').textContent()}\n${await terminalText(p)}`,
    );
  return grade;
}

const isEngineWorker = (url: string) => new URL(url).pathname.startsWith('/steady/');

/**
 * The engine's workers still running, as the browser sees them (nested actor threads included;
 * Monaco's editor workers are not ours).
 *
 * A worker the engine terminated can stay listed for the rest of the page's life, silent. Chromium
 * loses track of a worker terminated while a debugger is attaching to workers it started, and
 * Playwright attaches to every worker. Without a debugger it does not happen (0 in 80 gradings of
 * lesson 02 over plain CDP), and with one attached as Playwright does it happens 1 to 3 times in
 * 60; nested test workers (a learner-written test's runs, one per stand-in) are terminated in
 * numbers too. Such a worker runs no code: Playwright either no longer lists it or cannot evaluate
 * in it (no answer, or a refusal), so a listed worker counts as running only if it answers an
 * evaluation. That is sound because a worker the engine forgets still answers (Chromium can always
 * interrupt one), and the engine's own count (`workers()`) must be 0 too.
 */
async function liveWorkers(p: Page): Promise<string[]> {
  const cdp = await context.newCDPSession(p);
  const { targetInfos } = (await cdp.send('Target.getTargets')) as {
    targetInfos: { type: string; url: string }[];
  };
  await cdp.detach();
  const listed = targetInfos
    .filter((t) => t.type === 'worker' && t.url !== '' && isEngineWorker(t.url))
    .map((t) => new URL(t.url).pathname);
  const answering = await answeringWorkers(p);
  return listed.filter((path) => {
    const at = answering.indexOf(path);
    if (at < 0) return false;
    answering.splice(at, 1);
    return true;
  });
}

/** The paths of the page's engine workers (nested ones included) that answer an evaluation within 2 s. */
async function answeringWorkers(p: Page): Promise<string[]> {
  const answers = await Promise.all(
    p
      .workers()
      .filter((w) => isEngineWorker(w.url()))
      .map((w) =>
        Promise.race([
          w.evaluate(() => true).catch(() => false), // gone meanwhile, or past reach: not running
          new Promise<false>((resolve) => setTimeout(() => resolve(false), 2000)),
        ]).then((answered) => (answered ? [new URL(w.url()).pathname] : [])),
      ),
  );
  return answers.flat();
}

async function waitForNoWorker(p: Page): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const browserSide = await liveWorkers(p);
    const registry = await p.evaluate(() => steadyPlayground.workers());
    if (browserSide.length === 0 && registry === 0) return;
    if (Date.now() > deadline)
      throw new Error(
        `workers still alive: ${browserSide.join(', ')}; in the engine's registry: ${registry}`,
      );
    await p.waitForTimeout(200);
  }
}

beforeAll(async () => {
  await buildSiteIfNeeded();
  [host, browser] = await Promise.all([startStaticHost(DIST_DIR), launchChromium()]);
  context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  page = await context.newPage();
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
});

describe('lesson 01 in the browser engine, from a static host', () => {
  it('chooses the browser engine without a runner, and offers WebContainers only as a choice', async () => {
    await openLesson(page, '01-minimum');
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    expect(await page.getAttribute('[data-testid=playground]', 'data-engine')).toBe('browser');
    expect(await page.locator('[data-testid=engine-reason]').textContent()).toMatch(/no local runner/);
    const select = page.locator('[data-testid=engine-switch]');
    expect(await select.inputValue()).toBe('browser');
    expect(await select.locator('option').allTextContents()).toEqual([
      expect.stringMatching(/this browser/),
      expect.stringMatching(/WebContainers/),
    ]);
  }, 180_000);

  it('runs lesson 01 in the program worker it started before Run: three heartbeats, exit code 0, no worker left', async () => {
    // The first Run's worker loads the runtime while the learner reads; that Run uses it.
    await page.waitForFunction(() => steadyPlayground.workers() === 1, undefined, { timeout: 60_000 });
    await run(page, '--rate 200 --beats 3');
    const text = await waitForTerminal(page, /Heartbeat 1 \(rate 200 ms\)/);
    expect(text).toMatch(/Heartbeat 3[\s\S]*Heartbeat 2[\s\S]*Heartbeat 1/);
    expect(await waitForStatus(page, /exit code|Exited|Stopped/)).toMatch(/exit code 0/);
    await waitForNoWorker(page);
  }, 180_000);

  it('a bad --rate prints the usage error, without a stack trace', async () => {
    await run(page, '--rate nope');
    expect(await waitForStatus(page, /exit code|Exited/)).toMatch(/code 2/);
    const text = await terminalText(page);
    expect(text).toMatch(/rate/i);
    expect(text).not.toMatch(/^\s+at /m);
  }, 120_000);

  it('draws the live graph, anew only while it is seen; Stop ends a long run and leaves no worker behind; the next Run works', async () => {
    await run(page, '--rate 100 --beats 100000');
    await waitForTerminal(page, /Heartbeat 99999/);
    // The telemetry panel draws the live graph from the runtime's telemetry, as its dashboard does
    // (beside the text, once its tab is chosen: hidden, it draws nothing, and its tab says it is live).
    await page.waitForSelector('[data-testid=panel-tab-telemetry] [data-testid=panel-tab-missed]');
    await page.click('[data-testid=panel-tab-telemetry]');
    await page.locator('[data-testid=telemetry]').scrollIntoViewIfNeeded();
    await page.waitForSelector('[data-testid=telemetry-graph] svg', { timeout: 90_000 });
    expect(await page.locator('[data-testid=telemetry-graph] svg').textContent()).toContain('heartbeat');
    await laterPicturesOnlyWhileSeen();
    await enlargedPictureFollowsThePanel();
    await page.click('[data-testid=panel-tab-terminal]'); // the page as the next tests expect it
    // While it runs, the count sees the program's worker and the heartbeat's thread: it can fail.
    expect(await liveWorkers(page)).toEqual(
      expect.arrayContaining(['/steady/runtime/program-worker.js', '/steady/runtime/worker-host.js']),
    );
    await page.click('[data-testid=stop]');
    await waitForStatus(page, /Stopped|exit code|Exited/);
    await waitForNoWorker(page);
    await run(page, '--rate 200 --beats 2');
    await waitForTerminal(page, /Heartbeat 1 \(rate 200 ms\)/);
    expect(await waitForStatus(page, /exit code|Exited|Stopped/)).toMatch(/exit code 0/);
  }, 180_000);

  /**
   * The panel draws a new picture at most once a second, and only while it is on screen: hidden,
   * five more DOTs (more than a second's worth) bring no picture; shown again, it is brought up to
   * date. Lesson 01's DOT changes only with its CPU figure, which can stay the same for many
   * seconds: a DOT equal to the one drawn needs no picture, so the test waits for the panel to be
   * up to date, not for a picture.
   */
  async function laterPicturesOnlyWhileSeen(): Promise<void> {
    const counts = () => page.evaluate(() => steadyPlayground.telemetry());
    // Hidden the way a learner hides it: the terminal's tab chosen instead.
    const panelShown = (shown: boolean) =>
      page.click(`[data-testid=panel-tab-${shown ? 'telemetry' : 'terminal'}]`);
    const upToDate = () =>
      page.waitForFunction(() => steadyPlayground.telemetry().upToDate, undefined, { timeout: 30_000 });
    await upToDate();
    await panelShown(false);
    try {
      // The observer reports the change in a frame or two; a picture drawn meanwhile counts as before.
      await page.waitForFunction((n) => steadyPlayground.telemetry().dots >= n, (await counts()).dots + 2);
      const hidden = await counts();
      await page.waitForFunction((n) => steadyPlayground.telemetry().dots >= n, hidden.dots + 5, {
        timeout: 30_000,
      });
      expect((await counts()).pictures).toBe(hidden.pictures);
    } finally {
      await panelShown(true);
    }
    await upToDate();
    expect(await page.locator('[data-testid=telemetry-graph] svg').textContent()).toContain('heartbeat');
  }

  /**
   * Enlarge shows the panel's picture in a modal box, several times wider, and whatever picture
   * the panel draws next (one is put there by hand: the DOT of lesson 01 may not change for many
   * seconds), with no serious or critical axe-core violation; Escape closes the box and gives the
   * focus back to the button.
   */
  async function enlargedPictureFollowsThePanel(): Promise<void> {
    await page.click('[data-testid=telemetry-enlarge]');
    const large = page.locator('[data-testid=telemetry-large] svg');
    await large.waitFor();
    expect(await large.textContent()).toContain('heartbeat');
    const small = await page.locator('[data-testid=telemetry-graph] svg').boundingBox();
    expect((await large.boundingBox())?.width).toBeGreaterThan(
      2 * (small?.width ?? Number.POSITIVE_INFINITY),
    );
    await page.evaluate(() => {
      const panel = document.querySelector<HTMLElement>('[data-testid=telemetry-graph]');
      const next = panel?.querySelector('svg')?.cloneNode(true) as SVGSVGElement | undefined;
      next?.setAttribute('data-next', 'yes');
      if (next) panel?.replaceChildren(next);
    });
    await page.waitForSelector('[data-testid=telemetry-large] svg[data-next=yes]', { timeout: 10_000 });
    expect(await seriousViolations(page)).toEqual([]);
    // In dark mode both pictures are turned light on dark (Graphviz draws black on white).
    const filters = () =>
      page.evaluate(() =>
        [
          ...document.querySelectorAll(
            '[data-testid=telemetry-graph] svg, [data-testid=telemetry-large] svg',
          ),
        ].map((svg) => getComputedStyle(svg).filter),
      );
    expect(await filters()).toEqual(['none', 'none']);
    await page.evaluate(() => document.documentElement.classList.add('dark'));
    expect(await filters()).toEqual(['invert(0.88) hue-rotate(180deg)', 'invert(0.88) hue-rotate(180deg)']);
    await page.evaluate(() => document.documentElement.classList.remove('dark'));
    // The panel gone from the screen behind the open box (as if scrolled away): the box is seen,
    // so the panel must go on drawing the pictures the box copies.
    expect(await panelAwayThenSeen()).toBe(true);
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=telemetry-dialog]', { state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'telemetry-enlarge',
    );
  }

  /**
   * Hides the telemetry panel, waits until an IntersectionObserver of its own has seen it go (the
   * page's observer, made earlier, has been told by then), says whether the view counts as seen,
   * and shows the panel again.
   */
  function panelAwayThenSeen(): Promise<boolean> {
    return page.evaluate(async () => {
      const panel = document.querySelector<HTMLElement>('[data-testid=telemetry]')!;
      panel.style.display = 'none';
      await new Promise<void>((gone) => {
        const observer = new IntersectionObserver((entries) => {
          if (entries.some((entry) => !entry.isIntersecting)) {
            observer.disconnect();
            gone();
          }
        });
        observer.observe(panel);
      });
      await new Promise((next) => setTimeout(next, 0));
      const seen = steadyPlayground.telemetry().seen;
      panel.style.display = '';
      return seen;
    });
  }

  it('Stop ends an endless loop in the learner’s actor', async () => {
    const path = 'src/actor/heartbeat.ts';
    const original = readFileSync(join(LESSONS_DIR, '01-minimum', path), 'utf8');
    await setFile(page, path, original.replace('count -= 1;', 'count -= 1; for (;;) {}'));
    await run(page, '--rate 100 --beats 5');
    await waitForTerminal(page, /Heartbeat 5/);
    await page.click('[data-testid=stop]');
    await waitForStatus(page, /Stopped|exit code|Exited/);
    await waitForNoWorker(page);
    await setFile(page, path, original);
  }, 180_000);

  it('Stop pressed twice ends a program that does not stop at once, as a second Ctrl-C would', async () => {
    const path = 'src/main.ts';
    const original = readFileSync(join(LESSONS_DIR, '01-minimum', path), 'utf8');
    // No graph to shut down, and its module never finishes loading: only the engine's grace
    // period (2 s) or a second Stop ends it.
    await setFile(page, path, "await new Promise(() => setInterval(() => console.log('Heartbeat'), 100));\n");
    await run(page, '');
    await waitForTerminal(page, /Heartbeat/);
    const firstPress = Date.now();
    await page.click('[data-testid=stop]');
    await waitForStatus(page, /press Stop again to end it at once/);
    await page.click('[data-testid=stop]');
    await waitForStatus(page, /Stopped|exit code|Exited/);
    expect(Date.now() - firstPress).toBeLessThan(2000);
    await waitForNoWorker(page);
    await setFile(page, path, original);
  }, 180_000);

  it('a syntax error shows as a compiler message with file and line', async () => {
    const path = 'src/args.ts';
    const original = readFileSync(join(LESSONS_DIR, '01-minimum', path), 'utf8');
    const broken = original.replace('DEFAULT_ARGS.beats);', 'DEFAULT_ARGS.beats;'); // a missing parenthesis
    expect(broken).not.toBe(original);
    await setFile(page, path, broken);
    await run(page, '--rate 200 --beats 1');
    expect(await waitForStatus(page, /exit code|Exited/)).toMatch(/code 1/);
    expect(await terminalText(page)).toMatch(/src\/args\.ts:17:\d+: Unexpected token/);
    // The place is one key press away too: the button under the status goes there.
    await page.click('[data-testid=files] [data-path="src/main.ts"]');
    const place = page.locator('[data-testid=open-place]');
    expect(await place.textContent()).toMatch(/Go to src\/args\.ts:17\b/);
    await place.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => steadyPlayground.editor.getPosition()?.lineNumber === 17, undefined, {
      timeout: 10_000,
      polling: 100,
    });
    expect(await page.locator('[data-testid=current-file]').textContent()).toBe(path);
    await setFile(page, path, original);
  }, 120_000);

  it("an actor's failure report names the lesson file and line, and clicking it opens the editor there", async () => {
    const path = 'src/actor/heartbeat.ts';
    const original = readFileSync(join(LESSONS_DIR, '01-minimum', path), 'utf8');
    // Fails once, after its second beat; its restart (on the same thread) beats on to the end.
    const failing = original
      .replace('export const NAME_HEARTBEAT', 'let failedOnce = false;\nexport const NAME_HEARTBEAT')
      .replace(
        'count -= 1;',
        "count -= 1;\n    if (count === 1 && !failedOnce) { failedOnce = true; throw new Error('boom'); }",
      );
    const line = failing.split('\n').findIndex((l) => l.includes("throw new Error('boom')")) + 1;
    expect(line).toBeGreaterThan(0);
    await setFile(page, path, failing);
    await run(page, '--rate 100 --beats 3');
    expect(await waitForStatus(page, /exit code|Exited/)).toMatch(/code 0/);
    const text = await terminalText(page);
    expect(text).toMatch(new RegExp(`Error: boom \\(at .*\\(src/actor/heartbeat\\.ts:${line}:\\d+\\)\\)`));
    expect(text).not.toContain('/steady/vfs/');

    await page.click('[data-testid=files] [data-path="src/main.ts"]');
    expect(await page.locator('[data-testid=current-file]').textContent()).toBe('src/main.ts');
    // Where the terminal drew the place: a real mouse goes there, as xterm's links need.
    const place = await page.evaluate((needle) => {
      for (const row of document.querySelectorAll('[data-testid=terminal] .xterm-rows > div')) {
        const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = node.textContent?.indexOf(needle) ?? -1;
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + needle.length);
          const box = range.getBoundingClientRect();
          return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
        }
      }
      return null;
    }, `heartbeat.ts:${line}`);
    if (!place) throw new Error(`the terminal shows no heartbeat.ts:${line}:\n${text}`);
    await page.mouse.move(place.x, place.y);
    await page.mouse.click(place.x, place.y);
    await page.waitForFunction((l) => steadyPlayground.editor.getPosition()?.lineNumber === l, line, {
      timeout: 10_000,
      polling: 100,
    });
    expect(await page.locator('[data-testid=current-file]').textContent()).toBe(path);
    expect(await page.evaluate(() => steadyPlayground.editor.getModel()?.uri.path)).toMatch(/heartbeat\.ts$/);
    await setFile(page, path, original);
  }, 120_000);
});

describe('grades in the browser engine', () => {
  /** Lessons whose grades are compared with the native grader's (lesson 05 needs sockets). */
  const COMPARED = ['01-minimum', '02-standard', '03-robust', '04-performant'];
  for (const lesson of [...COMPARED, '05-distributed']) {
    it(`${lesson}: every exercise fails with its starter and passes with its solution (native-only exercises aside)`, async () => {
      // The native grades of the same files, starter and solution, in one run of the grader,
      // made while the page grades.
      const native = COMPARED.includes(lesson)
        ? gradeVariants(join(LESSONS_DIR, lesson), [
            { name: 'starter', variant: 'working' },
            { name: 'solution', variant: 'solution' },
          ])
        : undefined;
      native?.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
      await openLesson(page, lesson);
      const starter = await test(page);
      expect(starter.exercises.length).toBeGreaterThan(0);
      expect(starter.exercises.filter((e) => e.passed).map((e) => e.id)).toEqual([]);
      // The solution variant: each exercise test imports its `solution/` file, as the grader's does.
      const solved = await page.evaluate(() => steadyPlayground.gradeSolutions());
      const failing = solved.exercises.filter((e) => !e.passed).map((e) => `${e.id}: ${e.firstFailure}`);
      // Exercises that need Node (lesson 05's sockets) grade natively only, and say so; every other
      // solution passes in the page, those of the exercises where the learner writes a test included.
      const nativeOnly = readLessonBundle(lesson).lesson.exercises.filter(
        (e) => e.nativeReason !== undefined,
      );
      // Lessons 01-04 grade whole in the page.
      if (COMPARED.includes(lesson)) expect(nativeOnly.map((e) => e.id)).toEqual([]);
      expect(failing).toEqual(
        nativeOnly.map((e) => expect.stringMatching(new RegExp(`^${e.id}: .*native mode only`))),
      );
      if (native) {
        // The same grade, test by test, for every exercise the page runs; a failure's wording may
        // differ between runs (a starter that never stops logs as many beats as the test's time
        // allows).
        const inPage = (id: string) => !nativeOnly.some((e) => e.id === id);
        const outcome = (g: GradeSummary) =>
          g.exercises
            .filter((e) => inPage(e.id))
            .map((e) => ({ id: e.id, passed: e.passed, tests: e.tests.map((t) => [t.name, t.passed]) }));
        const [nativeStarter, nativeSolution] = (await native) as [GradeSummary, GradeSummary];
        expect(outcome(starter)).toEqual(outcome(nativeStarter));
        expect(outcome(solved)).toEqual(outcome(nativeSolution));
        expect({ ...starter, exercises: [] }).toEqual({ ...nativeStarter, exercises: [] });
      }
      // The test workers, and the actor threads the tests started, end with the grading.
      await waitForNoWorker(page);
    }, 600_000);
  }

  it('05-distributed: Run says it needs native mode, starts nothing, and names the exercises that grade here', async () => {
    await openLesson(page, '05-distributed');
    expect(await page.getAttribute('[data-testid=playground]', 'data-engine')).toBe('browser');
    // The editor opens on what the lesson's npm start runs, not on the first exercise's test.
    expect(await page.textContent('[data-testid=current-file]')).toBe('src/runner.ts');
    expect(await page.locator('[data-testid=engine-reason]').textContent()).toMatch(
      /Exercises 01, 02, 03, 05, 06 grade here; Run and the other exercises need native mode/,
    );
    // The status line promises what this engine does for the lesson, not a Run.
    await page.waitForSelector('[data-testid=status][data-phase=ready]', { timeout: 30_000 });
    expect(await page.locator('[data-testid=status]').textContent()).toBe(
      'Ready to grade exercises 01, 02, 03, 05, 06 here; Run needs native mode.',
    );
    await page.click('[data-testid=run]');
    const error = page.locator('[data-testid=error]');
    await error.waitFor({ timeout: 30_000 });
    expect(await error.textContent()).toMatch(
      /Lesson 5's program needs native mode: it sends real UDP packets.*Exercises 01, 02, 03, 05, 06 grade here.*npm install && npm start/,
    );
    expect(await page.evaluate(() => steadyPlayground.workers())).toBe(0);
    expect(await liveWorkers(page)).toEqual([]);
  }, 180_000);

  it('04-performant: a Test whose loop never yields its thread fails, after 15 s, with why; the other exercises are graded', async () => {
    await openLesson(page, '04-performant');
    const path = 'exercises/05-block-or-timer/archive.ts';
    const exercise = join(LESSONS_DIR, '04-performant', 'exercises/05-block-or-timer');
    // The known wrong answer whose timeout, made once before the loop, starves the thread.
    await setFile(page, path, readFileSync(join(exercise, 'wrong/timer-made-once/archive.ts'), 'utf8'));
    try {
      const grade = await test(page);
      expect(grade.exercises).toHaveLength(6);
      const starved = grade.exercises.find((e) => e.id === '05-block-or-timer');
      expect(starved?.firstFailure).toMatch(
        /: Error: the test got no turn for 1\d s and was stopped: your code kept/,
      );
      // Files after it in the same test worker did not run, and say why; every other exercise is
      // graded as usual (its starter fails its own way).
      const testFiles = readLessonBundle('04-performant')
        .files.filter((f) => f.role === 'test' && f.path.startsWith('exercises/'))
        .map((f) => f.path);
      const group = splitTestFiles(testFiles).find((g) => g.some((f) => f.startsWith('exercises/05-')));
      const after = group?.slice(group.findIndex((f) => f.startsWith('exercises/05-')) + 1) ?? [];
      expect(
        grade.exercises.filter((e) => /: not run: /.test(e.firstFailure ?? '')).map((e) => e.id),
      ).toEqual([...new Set(after.map((f) => f.split('/')[1]))]);
      expect(
        grade.exercises.filter((e) => /got no turn/.test(e.firstFailure ?? '')).map((e) => e.id),
      ).toEqual(['05-block-or-timer']);
      await waitForNoWorker(page);
    } finally {
      await setFile(page, path, readFileSync(join(exercise, 'archive.ts'), 'utf8'));
    }
  }, 300_000);

  it('04-performant runs its real graph and prints its throughput', async () => {
    await openLesson(page, '04-performant');
    await run(page, '--beats 200');
    const text = await waitForTerminal(page, /messages\/s/, 120_000);
    expect(text).toMatch(/total: [\d,]+ messages through the worker/);
    expect(await waitForStatus(page, /exit code|Exited|Stopped/)).toMatch(/exit code 0/);
  }, 180_000);
});

describe('a Service Worker stopped between two requests', () => {
  it('serves the lesson files it was given from Cache Storage, compiled, when it starts again', async () => {
    await openLesson(page, '01-minimum');
    await run(page, '--rate 200 --beats 1');
    expect(await waitForStatus(page, /exit code|Exited|Stopped/)).toMatch(/exit code 0/);
    // Browsers stop an idle Service Worker; its memory (the files, the compiled modules) goes with it.
    const cdp = await context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await cdp.detach();
    const served = await page.evaluate(async () => {
      const get = async (path: string) => {
        const answer = await fetch(`/steady/vfs/01-minimum/${path}`);
        return { status: answer.status, type: answer.headers.get('content-type'), text: await answer.text() };
      };
      return {
        module: await get('src/args.ts'),
        text: await get('README.md'),
        missing: await get('src/none.ts'),
      };
    });
    expect(served.module.status).toBe(200);
    expect(served.module.type).toMatch(/javascript/);
    expect(served.module.text).toMatch(/export function parseArgs/);
    expect(served.module.text).not.toMatch(/: readonly string\[\]/); // the types are stripped
    expect(served.text.type).toMatch(/text\/plain/);
    expect(served.text.text).toBe(readFileSync(join(LESSONS_DIR, '01-minimum', 'README.md'), 'utf8'));
    expect(served.missing.status).toBe(404);
    await run(page, '--rate 300 --beats 1');
    await waitForTerminal(page, /Heartbeat 1 \(rate 300 ms\)/);
    expect(await waitForStatus(page, /exit code|Exited|Stopped/)).toMatch(/exit code 0/);
  }, 120_000);
});

describe('offline after one visit', () => {
  it('reloads, runs and grades lesson 01 with the network off', async () => {
    await openLesson(page, '01-minimum');
    await context.setOffline(true);
    try {
      await page.reload({ waitUntil: 'load' });
      await page.waitForSelector('[data-testid=playground][data-editor-ready=true]', { timeout: 120_000 });
      await run(page, '--rate 200 --beats 3');
      await waitForTerminal(page, /Heartbeat 1 \(rate 200 ms\)/);
      expect(await waitForStatus(page, /exit code|Exited|Stopped/)).toMatch(/exit code 0/);
      const grade = await test(page);
      expect(grade.total).toBe(4);
    } finally {
      await context.setOffline(false);
    }
  }, 300_000);
});

describe('a host that sends no headers (as GitHub Pages)', () => {
  it('gets the page cross-origin isolated by the Service Worker, and lesson 01 runs, again after a reload', async () => {
    const bare = await startStaticHost(DIST_DIR, { sendHeaders: false });
    const own = await browser.newContext();
    try {
      const p = await own.newPage();
      // The first load is not isolated: the page reloads itself once, through the Service Worker.
      await p.goto(`${bare.url}lessons/01-minimum`, { waitUntil: 'load' });
      await p.waitForSelector('[data-testid=playground][data-editor-ready=true]', { timeout: 120_000 });
      for (const visit of ['first visit', 'reload']) {
        expect(await p.evaluate(() => crossOriginIsolated), visit).toBe(true);
        await run(p, '--rate 200 --beats 3');
        await waitForTerminal(p, /Heartbeat 1 \(rate 200 ms\)/);
        expect(await waitForStatus(p, /exit code|Exited|Stopped/), visit).toMatch(/exit code 0/);
        // Now the page's files and the program's modules come from the Service Worker's cache.
        if (visit === 'first visit') {
          await p.reload({ waitUntil: 'load' });
          await p.waitForSelector('[data-testid=playground][data-editor-ready=true]', { timeout: 120_000 });
        }
      }
    } finally {
      await own.close();
      await bare.close();
    }
  }, 240_000);
});
