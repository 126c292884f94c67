/**
 * The playground's layout and Test on save, in the same server and browser as `e2e.test.ts` (which
 * calls `layoutAndTestOnSave`): beside the text and in view at 1440×900 with the terminal and the
 * telemetry panel as wide as the playground behind two tabs, under it at 768×1024 with both panels,
 * its buttons reachable and no sideways scroll, the learner’s layout choice remembered, zero serious
 * or critical axe-core violations in both; Ctrl+S grades only when Test on save is ticked, the saved
 * exercise (or the lesson), and saves during a grading leave exactly one more.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import {
  focusEditor,
  gradings,
  LONG,
  openFile,
  seriousViolations,
  waitForEditorValue,
  waitForGrade,
  waitForTerminal,
} from './e2e-helpers.ts';
import { freshPage, type Shared } from './e2e-playground.ts';

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Where the lesson text and the playground are, and the page's own scroll sizes. */
function geometry(p: Page) {
  return p.evaluate(() => {
    const box = (el: Element | null): Box => {
      const r = el!.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    };
    const playground = document.querySelector('[data-testid=playground]');
    return {
      // The lesson's own text: its title and first paragraph (the playground is inside `.vp-doc` too).
      title: box(document.querySelector('.vp-doc h1')),
      text: box(document.querySelector('.vp-doc > div > p')),
      heading: box(document.getElementById('playground')),
      playground: box(playground),
      position: getComputedStyle(playground!).position,
      scrollY: window.scrollY,
      innerWidth: window.innerWidth,
      innerHeight: window.innerHeight,
      pageWidth: document.documentElement.scrollWidth,
    };
  });
}

async function openLessonIn(p: Page, shared: Shared): Promise<void> {
  await p.goto(`${shared.url}lessons/${shared.lesson}`);
  await p.waitForSelector('[data-testid=playground][data-editor-ready=true]', { timeout: LONG });
  await p.waitForSelector('[data-testid=terminal] .xterm-accessibility', {
    state: 'attached',
    timeout: LONG,
  });
}

/** The button is on screen, inside the playground, and a click at its centre reaches it. */
async function expectReachable(p: Page, testId: string): Promise<void> {
  const button = p.locator(`[data-testid=playground] [data-testid=${testId}]`);
  await button.scrollIntoViewIfNeeded();
  const seen = await button.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const pg = el.closest('[data-testid=playground]')!.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return {
      onScreen: r.left >= 0 && r.right <= window.innerWidth && r.top >= 0 && r.bottom <= window.innerHeight,
      inside: r.left >= pg.left - 0.5 && r.right <= pg.right + 0.5,
      hit: hit === el || el.contains(hit),
    };
  });
  expect(seen, testId).toEqual({ onScreen: true, inside: true, hit: true });
}

/** What Test on save has seen (`use-test-on-save.ts`). */
const saveState = (p: Page) =>
  p.evaluate('window.steadyPlayground.testOnSave()') as Promise<{
    saves: number;
    enabled: boolean;
    pending: boolean;
    grading: boolean;
    started: number;
  }>;

async function waitForSaves(p: Page, count: number): Promise<void> {
  await p.waitForFunction(`window.steadyPlayground.testOnSave().saves >= ${count}`, undefined, {
    timeout: LONG,
    polling: 50,
  });
}

/** Waits until no grading started by a save runs or waits. */
async function waitForSaveGradingsDone(p: Page, started: number): Promise<void> {
  await p.waitForFunction(
    `(() => { const s = window.steadyPlayground.testOnSave(); return s.started >= ${started} && !s.pending && !s.grading; })()`,
    undefined,
    { timeout: 240_000, polling: 100 },
  );
}

const EXERCISE = 'exercises/03-validate-rate/args.ts';

export function layoutAndTestOnSave(get: () => Shared): void {
  it('at 1440×900 puts the text and the playground side by side; the playground stays in view as the text scrolls', async () => {
    const { context, page } = await freshPage(get(), { width: 1440, height: 900 });
    try {
      await openLessonIn(page, get());
      const before = await geometry(page);
      expect(before.position).toBe('fixed');
      // Side by side: the text on the left, the playground on the right, not overlapping.
      expect(before.playground.left).toBeGreaterThanOrEqual(before.text.right);
      expect(before.playground.left).toBeGreaterThanOrEqual(before.title.right);
      expect(before.playground.right).toBeLessThanOrEqual(before.innerWidth);
      // Sized to the window: all of it on screen, most of its height.
      expect(before.playground.top).toBeGreaterThanOrEqual(0);
      expect(before.playground.bottom).toBeLessThanOrEqual(before.innerHeight);
      expect(before.playground.bottom - before.playground.top).toBeGreaterThan(before.innerHeight * 0.7);
      expect(before.pageWidth).toBeLessThanOrEqual(before.innerWidth);
      await expectReachable(page, 'run');
      await expectReachable(page, 'test');
      await expectReachable(page, 'test-on-save');
      // The terminal has the playground's whole width (so a log line fits on one line), on screen;
      // the telemetry panel takes its place, as wide, behind the other tab.
      const width = before.playground.right - before.playground.left;
      const terminal = await page.locator('[data-testid=terminal]').boundingBox();
      expect(terminal?.width).toBeGreaterThan(0.9 * width);
      expect((terminal?.y ?? 0) + (terminal?.height ?? before.innerHeight)).toBeLessThanOrEqual(
        before.innerHeight,
      );
      // xterm's own element stays inside the terminal's box (sized like the box, it overflowed its
      // padding and showed a black strip under the last row).
      const xterm = await page.locator('[data-testid=terminal] .xterm').boundingBox();
      expect((xterm?.y ?? 0) + (xterm?.height ?? Number.POSITIVE_INFINITY)).toBeLessThanOrEqual(
        (terminal?.y ?? 0) + (terminal?.height ?? 0),
      );
      expect(await page.isVisible('[data-testid=telemetry]')).toBe(false);
      await page.click('[data-testid=panel-tab-telemetry]');
      const telemetry = await page.locator('[data-testid=telemetry]').boundingBox();
      expect(await page.isVisible('[data-testid=terminal]')).toBe(false);
      expect(telemetry?.width).toBeGreaterThan(0.9 * width);
      expect(telemetry?.y).toBeCloseTo(terminal?.y ?? 0, -1);
      expect((telemetry?.y ?? 0) + (telemetry?.height ?? before.innerHeight)).toBeLessThanOrEqual(
        before.innerHeight,
      );
      // The tabs as the WAI-ARIA pattern has them: the arrow keys move the selection and the focus.
      await page.keyboard.press('ArrowRight');
      expect(await page.getAttribute('[data-testid=panel-tab-terminal]', 'aria-selected')).toBe('true');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
        'panel-tab-terminal',
      );
      expect(await page.isVisible('[data-testid=terminal]')).toBe(true);
      // Scroll the text far down: the text moves, the playground does not.
      await page.mouse.move(before.text.left + 20, 400);
      await page.mouse.wheel(0, 3000);
      await page.waitForFunction(() => window.scrollY > 1500, undefined, { timeout: LONG, polling: 50 });
      const after = await geometry(page);
      expect(after.title.top).toBeLessThan(before.title.top - 1500);
      expect(after.playground).toEqual(before.playground);
      await expectReachable(page, 'run');
      expect(await seriousViolations(page)).toEqual([]);
      // The learner may put it under the text instead: remembered across a reload, then back.
      await page.getByLabel('Beside the text').uncheck();
      await page.waitForFunction(
        () => getComputedStyle(document.querySelector('[data-testid=playground]')!).position !== 'fixed',
        undefined,
        { timeout: LONG },
      );
      await openLessonIn(page, get());
      const stacked = await geometry(page);
      expect(stacked.position).not.toBe('fixed');
      expect(stacked.playground.top).toBeGreaterThanOrEqual(stacked.heading.bottom);
      expect(await page.getByLabel('Beside the text').isChecked()).toBe(false);
      await page.getByLabel('Beside the text').check();
      await page.waitForFunction(
        () => getComputedStyle(document.querySelector('[data-testid=playground]')!).position === 'fixed',
        undefined,
        { timeout: LONG },
      );
    } finally {
      await context.close();
    }
  });

  it('at 768×1024 stacks them: Run and Test visible and clickable, nothing cut off, no sideways scroll', async () => {
    const { context, page } = await freshPage(get(), { width: 768, height: 1024 });
    try {
      await openLessonIn(page, get());
      const layout = await geometry(page);
      expect(layout.position).not.toBe('fixed');
      expect(layout.playground.top).toBeGreaterThanOrEqual(layout.heading.bottom);
      expect(layout.playground.left).toBeGreaterThanOrEqual(0);
      expect(layout.playground.right).toBeLessThanOrEqual(layout.innerWidth);
      expect(layout.pageWidth).toBeLessThanOrEqual(layout.innerWidth);
      // No layout switch offered where there is no room for it; no tabs: both panels show.
      expect(await page.locator('[data-testid=side-by-side]').count()).toBe(0);
      expect(await page.locator('[role=tablist]').count()).toBe(0);
      expect(await page.isVisible('[data-testid=terminal]')).toBe(true);
      expect(await page.isVisible('[data-testid=telemetry]')).toBe(true);
      // Every visible button of the playground lies inside it (none cut off at the right edge).
      const outside = await page.$$eval('[data-testid=playground] button', (buttons) => {
        const pg = document.querySelector('[data-testid=playground]')!.getBoundingClientRect();
        return buttons
          .filter((b) => (b as HTMLElement).offsetParent !== null)
          .map((b) => ({ name: b.textContent?.trim(), r: b.getBoundingClientRect() }))
          .filter(({ r }) => r.left < pg.left - 0.5 || r.right > pg.right + 0.5)
          .map(({ name }) => name);
      });
      expect(outside).toEqual([]);
      await expectReachable(page, 'run');
      await expectReachable(page, 'test');
      // Clickable for real: Run prints the heartbeats, Test brings a grade.
      await page.fill('[data-testid=args]', '--rate 200 --beats 2');
      await page.click('[data-testid=run]');
      await waitForTerminal(page, /Heartbeat 1 \(rate 200 ms\)/);
      await page.waitForSelector('[data-testid=status][data-phase=ready]', { timeout: LONG });
      const before = await gradings(page);
      await page.click('[data-testid=test]');
      await waitForGrade(page, before);
      expect((await geometry(page)).pageWidth).toBeLessThanOrEqual(layout.innerWidth);
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Test on save: off by default, Ctrl+S then grades nothing; ticked (and remembered), Ctrl+S grades the saved exercise, one grading at a time', async () => {
    const { context, page } = await freshPage(get(), { width: 1440, height: 900 });
    try {
      await openLessonIn(page, get());
      const box = page.getByLabel('Test on save');
      expect(await box.isChecked()).toBe(false);
      await openFile(page, EXERCISE);
      await focusEditor(page);
      // Off: the save is handled (the text is kept), no grading is asked for or started.
      await page.keyboard.press('Control+End');
      await page.keyboard.type('// first save\n');
      await waitForEditorValue(page, { includes: '// first save' });
      const graded = await gradings(page);
      await page.keyboard.press('Control+s');
      await waitForSaves(page, 1);
      expect(await saveState(page)).toMatchObject({
        enabled: false,
        started: 0,
        pending: false,
        grading: false,
      });
      expect(await page.getAttribute('[data-testid=status]', 'data-phase')).not.toBe('testing');
      expect(await gradings(page)).toBe(graded);
      // On, and still on after a reload.
      await box.check();
      await openLessonIn(page, get());
      expect(await page.getByLabel('Test on save').isChecked()).toBe(true);
      await openFile(page, EXERCISE);
      await focusEditor(page);
      await page.keyboard.press('Control+End');
      await page.keyboard.type('// second save\n');
      await waitForEditorValue(page, { includes: '// second save' });
      const before = await gradings(page);
      await page.keyboard.press('Control+s');
      await waitForGrade(page, before);
      // Only the saved file's exercise was graded.
      const rows = await page.$$eval('[data-testid=results] li[data-exercise]', (items) =>
        items.map((li) => li.getAttribute('data-exercise')),
      );
      expect(rows).toEqual(['03-validate-rate']);
      await waitForSaveGradingsDone(page, 1);
      // Saves during a grading: one more grading after it, not one per save. Three saves arrive in
      // one turn of the page while the grading the first Ctrl+S started is on (or, had it already
      // ended, as one new grading): two gradings either way, never four.
      const start = (await saveState(page)).started;
      const count = await gradings(page);
      await page.keyboard.press('Control+s');
      await page.waitForFunction(`window.steadyPlayground.testOnSave().started > ${start}`, undefined, {
        timeout: LONG,
        polling: 20,
      });
      await page.evaluate(`(() => {
        const editor = window.steadyPlayground.editor;
        for (let i = 0; i < 3; i++) editor.trigger('keyboard', 'steady.save', null);
      })()`);
      await waitForSaveGradingsDone(page, start + 2);
      expect((await saveState(page)).started).toBe(start + 2);
      expect(await gradings(page)).toBe(count + 2);
      // A file of no exercise: the whole lesson is graded.
      await openFile(page, 'src/main.ts');
      await focusEditor(page);
      await page.keyboard.press('Control+End');
      await page.keyboard.type('// saved\n');
      await waitForEditorValue(page, { includes: '// saved' });
      const lessonBefore = await gradings(page);
      await page.keyboard.press('Control+s');
      await waitForGrade(page, lessonBefore);
      expect(await page.locator('[data-testid=results] li[data-exercise]').count()).toBe(4);
    } finally {
      await context.close();
    }
  });
}
