/**
 * End to end, in Debian's Chromium: `npm start`'s server (built site + native runner), lesson 01,
 * cross-origin isolation, an edit in the editor, Run (heartbeats in the terminal), Test (exercise
 * results, progress), reload (edit kept), reset; lesson 05's two pods over Aeron, which only native
 * mode can run; the screenshots in the README come from here.
 * Every wait waits for a condition, with generous limits for two busy cores.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeUdpPort } from '@steady/runtime/testing';
import { launchChromium } from '@steady/runtime/testing/chromium';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LESSONS_DIR, REPO_ROOT } from '../src/node/lessons.ts';
import { type SiteServer, startSiteServer } from '../src/node/serve.ts';
import {
  editorValue,
  focusEditor,
  gradings,
  LONG,
  openFile,
  setEditorValue,
  startCourse,
  waitForEditorFile as waitForEditorFileOf,
  waitForEditorValue,
  waitForGrade,
  waitForRunning,
  waitForTerminal,
} from './e2e-helpers.ts';
import { layoutAndTestOnSave } from './e2e-layout.ts';
import { playgroundFeatures } from './e2e-playground.ts';

const SITE = join(REPO_ROOT, 'site');
/**
 * The README's screenshots are refreshed only on request (`UPDATE_SCREENSHOTS=1 npm test`), so a
 * test run leaves the working tree as it found it; otherwise they go to a temporary folder.
 */
const SHOTS = process.env.UPDATE_SCREENSHOTS
  ? join(SITE, 'docs', 'screenshots')
  : join(tmpdir(), 'steady-site-screenshots');
const LESSON = '01-minimum';
const MARK = "console.log('edited in the browser');";
/** The test's own working copies, inside the repository (so they resolve the runtime), removed after. */
const WORK = join(REPO_ROOT, '.work', `e2e-${process.pid}`);

let server: ChildProcess;
let url: string;
let loginUrl: string;
let browser: Browser;
let page: Page;

/** A viewport screenshot with the playground at the top, clear of the sticky navigation bar. */
async function shootPlayground(p: Page, file: string): Promise<void> {
  await p.evaluate(() => {
    const top = document.querySelector('[data-testid=playground]')!.getBoundingClientRect().top;
    window.scrollTo(0, window.scrollY + top - 72);
  });
  await p.screenshot({ path: join(SHOTS, file) });
}

async function openLesson(p: Page): Promise<void> {
  await p.goto(`${url}lessons/${LESSON}`, { waitUntil: 'load' });
  await p.waitForSelector('[data-testid=playground][data-editor-ready=true]', { timeout: LONG });
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  let started: Awaited<ReturnType<typeof startCourse>>;
  [started, browser] = await Promise.all([startCourse(SITE, WORK), launchChromium()]);
  server = started.server;
  loginUrl = started.loginUrl;
  url = new URL('/', loginUrl).href;
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  // What a learner does first: open the printed link, which hands this browser the runner's cookie.
  await page.goto(loginUrl);
  expect(page.url()).toBe(url);
}, 660_000);

afterAll(async () => {
  await browser?.close();
  rmSync(WORK, { recursive: true, force: true });
  if (server?.pid) {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // gone
    }
  }
});

/** Per test: a slow, shared machine makes every step slow; the waits inside are what matter. */
const STEP_TIMEOUT = 360_000;

describe('lesson 01 in the browser, native mode', { timeout: STEP_TIMEOUT }, () => {
  it('serves a cross-origin isolated lesson page built from the README, in native mode', async () => {
    await openLesson(page);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    expect(await page.textContent('h1')).toContain('Lesson 1');
    expect(await page.getAttribute('[data-testid=playground]', 'data-engine')).toBe('native');
    // The key-idea lines of the code are highlighted by shiki at build time.
    expect(await page.locator('.vp-doc .key-line').count()).toBeGreaterThan(3);
    expect(await page.locator('#exercise-01-stop-after-beats').count()).toBe(1);
    // The playground's chunk and the lesson's files are fetched with the page, not after it mounts.
    const preloads = await page.$$eval('link[rel=modulepreload]', (links) =>
      links.map((l) => new URL((l as HTMLLinkElement).href).pathname),
    );
    expect(preloads).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/assets\/chunks\/Playground\.[\w-]+\.js$/),
        expect.stringMatching(/^\/assets\/chunks\/01-minimum\.[\w-]+\.js$/),
      ]),
    );
    // …and they are the client build's files (the server render's chunks have other names).
    for (const path of preloads)
      expect((await page.request.get(new URL(path, page.url()).href)).status()).toBe(200);
    await page.screenshot({ path: join(SHOTS, 'lesson-page.png') });
  });

  it('knows the runtime’s types in the editor: lesson code is clean, a wrong type is flagged', async () => {
    const errorsIn = (file: string) =>
      `window.steadyPlayground.monaco.editor.getModelMarkers({}).filter((m) => m.severity === 8 && m.resource.path.endsWith(${JSON.stringify(file)})).map((m) => m.code + ' ' + m.message)`;
    const checkers = () => page.workers().filter((worker) => /\/ts\.worker-[^/]*\.js$/.test(worker.url()));
    await openFile(page, 'src/actor/heartbeat.ts');
    // The type checker waits for the learner: opening a page and a file starts no TypeScript worker.
    expect(checkers()).toEqual([]);
    // An edit starts it. It needs a moment; wait until it has looked at the file (a deliberate error shows up).
    await page.evaluate(`(() => {
      const model = window.steadyPlayground.editor.getModel();
      model.setValue(model.getValue() + '\\nexport const wrong: number = NAME_HEARTBEAT;\\n');
    })()`);
    await page.waitForFunction(
      `${errorsIn('src/actor/heartbeat.ts')}.some((e) => e.startsWith('2322'))`,
      undefined,
      {
        timeout: 60_000,
        polling: 200,
      },
    );
    expect(checkers()).toHaveLength(1);
    expect(await page.evaluate(errorsIn('src/main.ts'))).toEqual([]);
    await page.click('[data-testid=reset]');
    await page.waitForFunction(`${errorsIn('src/actor/heartbeat.ts')}.length === 0`, undefined, {
      timeout: 60_000,
      polling: 200,
    });
  });

  it('colours lesson code with the grammar and theme of the page’s code blocks (shiki)', async () => {
    const tokens = (await page.evaluate(
      `window.steadyPlayground.monaco.editor.tokenize('const beats: number = 3; // a comment', 'typescript')[0].map((t) => t.type)`,
    )) as string[];
    // shiki's tokens are named by theme colour role; Monaco's own tokenizer would say keyword.ts.
    expect(new Set(tokens)).toEqual(
      new Set(['keyword', 'constant', 'variable.parameter.function', 'comment']),
    );
  });

  it('runs the edited code and streams the heartbeats to the terminal', async () => {
    await openFile(page, 'src/main.ts');
    await focusEditor(page);
    await page.keyboard.press('Control+Home');
    await page.keyboard.type(MARK);
    await page.keyboard.press('Enter');
    expect(await waitForEditorValue(page, { includes: MARK })).toMatch(
      /^console\.log\('edited in the browser'\);\n/,
    );
    await page.fill('[data-testid=args]', '--rate 200 --beats 3');
    await page.click('[data-testid=run]');
    const text = await waitForTerminal(page, /Heartbeat 1 \(rate 200 ms\)/);
    expect(text).toContain('edited in the browser');
    expect(text).toMatch(/heartbeat\): Heartbeat 3 \(rate 200 ms\)[\s\S]*Heartbeat 2[\s\S]*Heartbeat 1/);
    await page.waitForSelector('[data-testid=status][data-phase=ready]', { timeout: 30_000 });
    expect(await page.textContent('[data-testid=status]')).toContain('exit code 0');
    await shootPlayground(page, 'playground.png');
  });

  it('shows a dashboard the running lesson announces in the telemetry panel, and Stop ends the run', async () => {
    // The lesson's own telemetry server prints its address; the panel shows its dashboard.
    await openFile(page, 'src/main.ts');
    await page.fill('[data-testid=args]', '--rate 200 --beats 1000');
    await page.click('[data-testid=run]');
    await waitForRunning(page, 'running');
    // Beside the text the panel is behind its tab, which marks the live dashboard it is missing.
    await page.waitForSelector('[data-testid=panel-tab-telemetry] [data-testid=panel-tab-missed]', {
      timeout: 60_000,
    });
    await page.click('[data-testid=panel-tab-telemetry]');
    // The panel shows the dashboard's embedded view: the picture, with no header but its zoom.
    const frame = page.frameLocator('[data-testid=telemetry] iframe');
    await frame
      .locator('#view svg text')
      .filter({ hasText: 'heartbeat' })
      .first()
      .waitFor({ timeout: 60_000 });
    expect(await frame.locator('h1').isHidden()).toBe(true);
    expect(await frame.locator('#zoom-fit').isVisible()).toBe(true);
    // The frame cannot see the page's theme by itself: it is told, and turns dark with the page.
    expect(await frame.locator('html.dark').count()).toBe(0);
    const appearance = page.locator('.VPNavBarAppearance .VPSwitchAppearance');
    await appearance.click();
    await frame.locator('html.dark #view svg').first().waitFor({ timeout: 60_000 });
    await appearance.click();
    await frame.locator('html:not(.dark) #view svg').first().waitFor({ timeout: 60_000 });
    // Enlarge shows the whole dashboard, header and all, in a box that Escape ends, even pressed
    // inside the dashboard (a zoom button clicked there), giving the focus back to Enlarge.
    await page.click('[data-testid=telemetry-enlarge]');
    const enlarged = page.frameLocator('[data-testid=telemetry-large-dashboard]');
    await enlarged.locator('h1').waitFor({ timeout: 30_000 });
    expect(await enlarged.locator('h1').textContent()).toMatch(/Telemetry/);
    await enlarged.locator('#zoom-in').click();
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=telemetry-large-dashboard]', { state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'telemetry-enlarge',
    );
    // Now the terminal's tab marks the heartbeats printed behind it, until it is chosen again.
    await page.waitForSelector('[data-testid=panel-tab-terminal] [data-testid=panel-tab-missed]', {
      timeout: 30_000,
    });
    await page.click('[data-testid=panel-tab-terminal]');
    expect(await page.locator('[data-testid=panel-tab-missed]').count()).toBe(1); // the telemetry tab's
    await waitForTerminal(page, /Heartbeat 999 \(rate 200 ms\)/);
    await page.click('[data-testid=stop]');
    await page.waitForSelector('[data-testid=status][data-phase=ready]', { timeout: 30_000 });
    expect(await page.textContent('[data-testid=status]')).toContain('Stopped');
    expect(await page.isDisabled('[data-testid=stop]')).toBe(true);
  });

  it('grades the exercises: a solved one passes, the untouched starters fail with their first expectation', async () => {
    const solution = readFileSync(
      join(LESSONS_DIR, LESSON, 'exercises/03-validate-rate/solution/args.ts'),
      'utf8',
    );
    await openFile(page, 'exercises/03-validate-rate/args.ts');
    await setEditorValue(page, solution);
    const before = await gradings(page);
    await page.click('[data-testid=test]');
    await waitForGrade(page, before);
    const results = await page.$$eval('[data-testid=results] li[data-exercise]', (items) =>
      items.map((li) => ({
        id: li.getAttribute('data-exercise'),
        passed: li.getAttribute('data-passed'),
        text: li.textContent,
      })),
    );
    expect(results.map((r) => r.id)).toEqual([
      '01-stop-after-beats',
      '02-respect-shutdown',
      '03-validate-rate',
      '04-own-thread',
    ]);
    expect(results.find((r) => r.id === '03-validate-rate')?.passed).toBe('true');
    const starter = results.find((r) => r.id === '01-stop-after-beats');
    expect(starter?.passed).toBe('false');
    expect(starter?.text).toMatch(/stops by itself after 3 beats/);
    // Progress: the sidebar panel counts the passed exercise.
    await page.waitForFunction(
      () => document.querySelector('[data-testid=progress-panel]')?.textContent?.includes('1/4'),
      null,
      { timeout: LONG },
    );
    await shootPlayground(page, 'playground-tests.png');
  });

  it('keeps the edit across a reload, and Reset file brings the lesson’s code back', async () => {
    await openLesson(page);
    await openFile(page, 'src/main.ts');
    expect(await editorValue(page)).toContain(MARK);
    expect(await page.textContent('[data-path="src/main.ts"]')).toContain('•');
    await page.click('[data-testid=reset]');
    const original = readFileSync(join(LESSONS_DIR, LESSON, 'src/main.ts'), 'utf8');
    await waitForEditorValue(page, { equals: original });
    await openLesson(page);
    await openFile(page, 'src/main.ts');
    expect(await editorValue(page)).toBe(original);
    // Leave the exercise as the lesson has it, for the next run of this test.
    await openFile(page, 'exercises/03-validate-rate/args.ts');
    await page.click('[data-testid=reset]');
    await waitForEditorValue(page, {
      equals: readFileSync(join(LESSONS_DIR, LESSON, 'exercises/03-validate-rate/args.ts'), 'utf8'),
    });
    // Show solution asks first (the page's own dialog, no window.confirm), then opens the solution read-only.
    page.once('dialog', () => {
      throw new Error('the playground must not use window.confirm');
    });
    await page.click('[data-testid=solution]');
    await page.waitForSelector('[data-testid=confirm-dialog][open]', { timeout: LONG });
    await page.click('[data-testid=dialog-confirm]');
    await waitForEditorFileOf(page, 'exercises/03-validate-rate/solution/args.ts');
    expect(await editorValue(page)).toBe(
      readFileSync(join(LESSONS_DIR, LESSON, 'exercises/03-validate-rate/solution/args.ts'), 'utf8'),
    );
  });
});

describe('lesson 05 natively: two pods over Aeron', { timeout: STEP_TIMEOUT }, () => {
  const DISTRIBUTED = '05-distributed';
  let context: BrowserContext | undefined;
  afterAll(() => context?.close());

  it('runs both pods over UDP through the runner, and grades every exercise, the native-only one too', async () => {
    // A window of its own, signed in with the printed link as a learner's would be: lesson 01's
    // page stays as the tests after this one expect it.
    context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const tab = await context.newPage();
    await tab.goto(loginUrl);
    await tab.goto(`${url}lessons/${DISTRIBUTED}`, { waitUntil: 'load' });
    await tab.waitForSelector('[data-testid=playground][data-editor-ready=true]', { timeout: LONG });
    // A port of its own and any free telemetry ports: nothing else on the machine is disturbed.
    const port = await freeUdpPort();
    await tab.fill('[data-testid=args]', `--beats 3 --values 1000 --port ${port} --telemetry 0`);
    await tab.click('[data-testid=run]');
    const text = await waitForTerminal(tab, /both pods finished cleanly/);
    expect(text).toContain(`subscribe: listening on udp 127.0.0.1:${port}`);
    expect(text).toMatch(/RECEIVED beats=3 values=3000 /);
    await tab.waitForSelector('[data-testid=status][data-phase=ready]', { timeout: 30_000 });
    expect(await tab.textContent('[data-testid=status]')).toContain('exit code 0');

    const before = await gradings(tab);
    await tab.click('[data-testid=test]');
    await waitForGrade(tab, before);
    const results = await tab.$$eval('[data-testid=results] li[data-exercise]', (items) =>
      items.map((li) => ({ id: li.getAttribute('data-exercise'), passed: li.getAttribute('data-passed') })),
    );
    expect(results).toEqual(
      readdirSync(join(LESSONS_DIR, DISTRIBUTED, 'exercises'))
        .sort()
        .map((id) => ({ id, passed: 'false' })), // the starters, as shipped
    );
    // The exercise that starts real pods fails on its own expectation: graded here, not skipped.
    expect(await tab.textContent('[data-testid=results] li[data-exercise="04-stop-in-order"]')).toMatch(
      /stops the publish pod first/,
    );
  });
});

describe('the playground: compare, keyboard, accessibility', { timeout: STEP_TIMEOUT }, () => {
  playgroundFeatures(() => ({ browser, url, loginUrl, page, lesson: LESSON }));
});

describe('the playground: layout by width, test on save', { timeout: STEP_TIMEOUT }, () => {
  layoutAndTestOnSave(() => ({ browser, url, loginUrl, page, lesson: LESSON }));
});

describe('another browser on the same machine', () => {
  it('cannot use the runner with only the page: it is told to open the printed link', async () => {
    const stranger = await browser.newContext();
    try {
      const other = await stranger.newPage();
      await other.goto(`${url}lessons/${LESSON}`);
      const error = other.locator('[data-testid=error]');
      await error.waitFor({ timeout: 60_000 });
      expect(await error.textContent()).toMatch(/Open the link that `npm start` printed/);
    } finally {
      await stranger.close();
    }
  }, 90_000);
});

describe('without native mode', () => {
  let plain: SiteServer;
  afterAll(async () => plain?.close());

  it('says plainly when WebContainers (picked by the learner) cannot run, and offers native mode', async () => {
    plain = await startSiteServer({ native: false });
    const other = await browser.newPage();
    // Without a runner the browser engine is the default; WebContainers only when chosen.
    await other.addInitScript(() => localStorage.setItem('steady.engine.v1', 'webcontainer'));
    // The page's clock runs as usual until the boot is under way; then it jumps past the boot's
    // 30 s limit instead of the test waiting for it.
    await other.clock.install();
    try {
      await other.goto(`${plain.url}lessons/${LESSON}`);
      await other.waitForSelector('[data-testid=playground][data-engine=webcontainer]', { timeout: 60_000 });
      expect(await other.evaluate(() => crossOriginIsolated)).toBe(true);
      await other.waitForFunction(
        () => /Booting WebContainer/.test(document.querySelector('[data-testid=status]')?.textContent ?? ''),
        undefined,
        { timeout: 60_000 },
      );
      await other.clock.fastForward('00:31');
      const error = other.locator('[data-testid=error]');
      await error.waitFor({ timeout: 60_000 });
      expect(await error.textContent()).toMatch(
        /WebContainers could not start \(no answer after 30 s\)[\s\S]*npm start/,
      );
    } finally {
      await other.close();
    }
  }, 120_000);
});
