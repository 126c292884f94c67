/**
 * The playground's own features, in the same server and browser as `e2e.test.ts` (which calls
 * `playgroundFeatures`): Compare with the solution behind the page's dialog, keyboard-only use,
 * zero serious or critical axe-core violations, and no layout shift when the playground mounts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { LESSONS_DIR } from '../src/node/lessons.ts';
import {
  gradings,
  LONG,
  openFile,
  seriousViolations,
  setEditorValue,
  waitForEditorFile,
  waitForEditorValue,
  waitForGrade,
  waitForTerminal,
} from './e2e-helpers.ts';

export interface Shared {
  readonly browser: Browser;
  readonly url: string;
  readonly loginUrl: string;
  readonly page: Page;
  readonly lesson: string;
}

const EXERCISE = 'exercises/03-validate-rate/args.ts';

/** A fresh browser profile logged in to the runner (empty storage, nothing typed before). */
export async function freshPage(
  shared: Shared,
  viewport = { width: 1400, height: 1000 },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await shared.browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(shared.loginUrl);
  return { context, page };
}

const activeInEditor = (p: Page) =>
  p.evaluate(() => !!document.activeElement?.closest('[data-testid=editor]')) as Promise<boolean>;

export function playgroundFeatures(get: () => Shared): void {
  it('compares the learner’s file with the solution, after the page’s own dialog, and comes back', async () => {
    const { page, lesson } = get();
    const solution = readFileSync(
      join(LESSONS_DIR, lesson, 'exercises/03-validate-rate/solution/args.ts'),
      'utf8',
    );
    await openFile(page, EXERCISE);
    // A pasted reference answer, with a line of the learner's own on top.
    const pasted = `// my answer\n${solution}`;
    await setEditorValue(page, pasted);
    await page.click('[data-testid=compare]');
    const dialog = page.locator('[data-testid=confirm-dialog][open]');
    await dialog.waitFor({ timeout: LONG });
    // Focus starts on Cancel, stays inside the dialog, and Escape says no and gives focus back.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'dialog-cancel',
    );
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('[data-testid=confirm-dialog]'))).toBe(
      true,
    );
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached', timeout: LONG });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('compare');
    expect(await page.locator('[data-testid=compare-editor]').count()).toBe(0);
    // Confirmed: the diff editor shows the two files side by side; only the added line differs.
    await page.click('[data-testid=compare]');
    await dialog.waitFor({ timeout: LONG });
    await page.click('[data-testid=dialog-confirm]');
    await page.waitForSelector('[data-testid=compare-editor] .monaco-diff-editor .editor.original', {
      timeout: LONG,
    });
    await page.waitForSelector(
      '[data-testid=compare-editor] .line-delete, [data-testid=compare-editor] .char-delete',
      {
        timeout: LONG,
      },
    );
    expect(await page.textContent('[data-testid=compare-yours]')).toContain(EXERCISE);
    expect(await page.textContent('[data-testid=compare-solution]')).toContain('solution/args.ts');
    const sides = await page.$$eval('[data-testid=compare-editor] .view-lines', (views) =>
      views.map((v) => (v.textContent ?? '').replace(/\u00a0/g, ' ')),
    );
    expect(sides[0]).toContain('my answer');
    expect(sides[1]).not.toContain('my answer');
    // Back to my code: the editor returns with the learner's text and the focus.
    await page.click('[data-testid=compare-back]');
    await page.waitForSelector('[data-testid=compare]', { timeout: LONG });
    expect(await page.locator('[data-testid=compare-editor]').count()).toBe(0);
    await page.waitForFunction('window.steadyPlayground.editor.hasTextFocus()', undefined, { timeout: LONG });
    expect(await waitForEditorValue(page, { equals: pasted })).toBe(pasted);
    // Test this exercise (also on its heading): only it is graded, and the pasted answer passes.
    expect(await page.locator('#exercise-03-validate-rate [data-testid=test-heading]').count()).toBe(1);
    const before = await gradings(page);
    await page.click('[data-testid=test-exercise]');
    await waitForGrade(page, before);
    const rows = await page.$$eval('[data-testid=results] li[data-exercise]', (items) =>
      items.map((li) => [li.getAttribute('data-exercise'), li.getAttribute('data-passed')]),
    );
    expect(rows).toEqual([['03-validate-rate', 'true']]);
    expect(await page.textContent('[data-testid=status]')).toContain('1/1');
    await page.click('[data-testid=reset]');
    await waitForEditorValue(page, {
      equals: readFileSync(join(LESSONS_DIR, get().lesson, EXERCISE), 'utf8'),
    });
  });

  it('takes the work along: export, clear the browser’s storage, import; edits, progress and grades are back', async () => {
    const { page, lesson } = get();
    const original = readFileSync(join(LESSONS_DIR, lesson, 'src/main.ts'), 'utf8');
    const edited = `${original}// kept for the export\n`;
    await openFile(page, 'src/main.ts');
    await setEditorValue(page, edited);
    const panel = page.locator('[data-testid=progress-panel]').first();
    await page.waitForFunction(
      () => document.querySelector('[data-testid=progress-panel]')?.textContent?.includes('1/4'),
      undefined,
      { timeout: LONG },
    );
    const [exported] = await Promise.all([
      page.waitForEvent('download'),
      panel.locator('[data-testid=export-work]').click(),
    ]);
    const file = await exported.path();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toBeTypeOf('object');
    // A new browser profile, as far as the site can tell.
    await page.evaluate(() => localStorage.clear());
    await reloadLesson(page);
    await openFile(page, 'src/main.ts');
    await waitForEditorValue(page, { equals: original });
    expect(await panel.textContent()).toContain('0/4');
    await panel.locator('[data-testid=import-file]').setInputFiles(file);
    await page.waitForFunction(
      () =>
        document
          .querySelector('[data-testid=progress-panel] [role=status]')
          ?.textContent?.includes('Imported'),
      undefined,
      { timeout: LONG },
    );
    await reloadLesson(page);
    await openFile(page, 'src/main.ts');
    await waitForEditorValue(page, { equals: edited });
    expect(await panel.textContent()).toContain('1/4');
    // The last grade came back too: the home page's panel offers it; its JUnit parses and lists every exercise.
    await page.goto(get().url);
    const home = page.locator('[data-testid=progress-panel]:not(.compact)');
    await home.locator(`[data-testid=grade-junit-${lesson}]`).waitFor({ timeout: LONG });
    const [junit] = await Promise.all([
      page.waitForEvent('download'),
      home.locator(`[data-testid=grade-junit-${lesson}]`).click(),
    ]);
    const xml = readFileSync(await junit.path(), 'utf8');
    const suites = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      if (doc.querySelector('parsererror')) return null;
      return [...doc.querySelectorAll('testsuite')].map((s) => s.getAttribute('name')?.split(':')[0]);
    }, xml);
    expect(suites).toEqual([
      '01-stop-after-beats',
      '02-respect-shutdown',
      '03-validate-rate',
      '04-own-thread',
    ]);
    await page.goto(`${get().url}lessons/${lesson}`);
    await page.waitForSelector('[data-testid=playground][data-editor-ready=true]', { timeout: LONG });
    await openFile(page, 'src/main.ts');
    await page.click('[data-testid=reset]');
    await waitForEditorValue(page, { equals: original });
  });

  it('can be used with the keyboard only: reach the editor, type, leave it, run with the shortcut, hear the result', async () => {
    const { context, page } = await freshPage(get());
    try {
      await page.goto(`${get().url}lessons/${get().lesson}`);
      await page.waitForSelector('[data-testid=playground][data-editor-ready=true]', { timeout: LONG });
      // Tab through the page: the arguments box comes first (set a short run there), then the editor.
      let steps = 0;
      while (!(await activeInEditor(page))) {
        expect(steps++, 'Tab never reached the editor').toBeLessThan(400);
        await page.keyboard.press('Tab');
        if (await page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'args')) {
          await page.keyboard.press('Control+A');
          await page.keyboard.type('--rate 200 --beats 2');
        }
      }
      expect(await page.inputValue('[data-testid=args]')).toBe('--rate 200 --beats 2');
      await page.keyboard.press('Control+Home');
      await page.keyboard.type("console.log('typed without a mouse');");
      await page.keyboard.press('Enter');
      await waitForEditorValue(page, { includes: "console.log('typed without a mouse');" });
      // Leave the editor as the note beside it says: Ctrl+M makes Tab move focus, then Tab.
      expect(await page.textContent('[data-testid=editor-help]')).toContain('Ctrl+M');
      await page.keyboard.press('Control+m');
      await page.keyboard.press('Tab');
      await page.waitForFunction(() => !document.activeElement?.closest('[data-testid=editor]'), undefined, {
        timeout: LONG,
      });
      // The buttons say their shortcut to assistive technology, without the icon glyphs in their names.
      expect(await page.getAttribute('[data-testid=run]', 'aria-keyshortcuts')).toContain('Control+Enter');
      await page.keyboard.press('Control+Enter');
      await waitForTerminal(page, /typed without a mouse[\s\S]*Heartbeat 2/);
      // The result arrives through the polite live region.
      const status = page.locator('[data-testid=status][aria-live=polite]');
      await page.waitForSelector('[data-testid=status][data-phase=ready]', { timeout: LONG });
      expect(await status.textContent()).toContain('exit code 0');
      // The shortcuts help opens from the `?` button and gives focus back when closed.
      await page.focus('[data-testid=shortcuts-button]');
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-testid=shortcuts][open]', { timeout: LONG });
      expect(await page.textContent('[data-testid=shortcuts]')).toContain('Ctrl+Shift+Enter');
      await page.keyboard.press('Escape');
      await page.waitForSelector('[data-testid=shortcuts][open]', { state: 'detached', timeout: LONG });
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
        'shortcuts-button',
      );
    } finally {
      await context.close();
    }
  });

  it('has no serious or critical axe-core violations on the home page and on a lesson page with the playground open', async () => {
    const { context, page } = await freshPage(get());
    try {
      await page.goto(get().url);
      await page.waitForSelector('.VPHome, .VPContent', { timeout: LONG });
      expect(await seriousViolations(page)).toEqual([]);
      await page.goto(`${get().url}lessons/${get().lesson}`);
      await page.waitForSelector('[data-testid=playground][data-editor-ready=true]', { timeout: LONG });
      await waitForTerminalReady(page);
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('search finds “backpressure” and opens lesson 02 at that section', async () => {
    const { context, page } = await freshPage(get());
    try {
      await page.goto(get().url);
      await page.click('.VPNavBarSearch button');
      const input = page.locator('#localsearch-input');
      await input.waitFor({ timeout: LONG });
      await input.fill('backpressure');
      // Among the results (the runtime API page mentions it too), lesson 02's section.
      const hit = page.locator('.VPLocalSearchBox .results li a[href*="/lessons/02-standard"]').first();
      await hit.waitFor({ timeout: LONG });
      expect(await hit.getAttribute('href')).toMatch(/\/lessons\/02-standard(\.html)?#.+/);
      await hit.click();
      await page.waitForURL(/\/lessons\/02-standard#.+/, { timeout: LONG });
      // The router changes the URL before the new page is in the document: wait for its heading.
      await page.waitForFunction(
        () => document.getElementById(decodeURIComponent(location.hash.slice(1))),
        null,
        {
          timeout: LONG,
        },
      );
      const section = await page.evaluate(() => {
        const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
        let text = target?.textContent ?? '';
        for (let n = target?.nextElementSibling; n && !/^H[12]$/.test(n.tagName); n = n.nextElementSibling)
          text += n.textContent;
        return text;
      });
      expect(section.toLowerCase()).toContain('backpressure');
    } finally {
      await context.close();
    }
  });

  it('a deep link opens the exercise’s file in the editor; Reset lesson asks, then restores every file', async () => {
    const { context, page } = await freshPage(get());
    try {
      await page.goto(`${get().url}lessons/${get().lesson}?exercise=01-stop-after-beats`);
      await page.waitForSelector('[data-testid=playground][data-editor-ready=true]', { timeout: LONG });
      const path = 'exercises/01-stop-after-beats/heartbeat.ts';
      await waitForEditorFile(page, path);
      await setEditorValue(page, '// changed\n');
      await page.waitForSelector('[data-testid=reset-lesson]:not([disabled])', { timeout: LONG });
      await page.click('[data-testid=reset-lesson]');
      await page.waitForSelector('[data-testid=confirm-dialog][open]', { timeout: LONG });
      await page.click('[data-testid=dialog-confirm]');
      await waitForEditorValue(page, { equals: readFileSync(join(LESSONS_DIR, get().lesson, path), 'utf8') });
      await page.waitForSelector('[data-testid=reset-lesson][disabled]', { timeout: LONG });
    } finally {
      await context.close();
    }
  });

  it('shows an exercise’s hints one at a time, and remembers how many were opened', async () => {
    const { context, page } = await freshPage(get());
    try {
      const lesson02 = `${get().url}lessons/02-standard?exercise=08-test-the-worker`;
      await page.goto(lesson02);
      await page.waitForSelector('[data-testid=playground][data-editor-ready=true]', { timeout: LONG });
      await page.waitForSelector('[data-testid=hints]', { timeout: LONG });
      expect(await page.locator('[data-testid=hint]').count()).toBe(0);
      await page.click('[data-testid=next-hint]');
      await page.waitForSelector('[data-testid=hint]', { timeout: LONG });
      expect(await page.textContent('[data-testid=hint]')).toContain('Which graph to build');
      expect(await page.textContent('[data-testid=next-hint]')).toMatch(/Show hint 2 of \d/);
      await page.reload();
      await page.waitForSelector('[data-testid=hints]', { timeout: LONG });
      expect(await page.locator('[data-testid=hint]').count()).toBe(1);
    } finally {
      await context.close();
    }
  });

  it.each([
    { layout: 'beside the text', viewport: { width: 1400, height: 1000 } },
    { layout: 'under the text', viewport: { width: 768, height: 1024 } },
  ])(
    'does not shift the page when the playground mounts, $layout (CLS measured and printed)',
    async ({ layout, viewport }) => {
      const { context, page } = await freshPage(get(), viewport);
      try {
        await page.addInitScript(() => {
          const w = window as unknown as { steadyShift: number };
          w.steadyShift = 0;
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[])
              if (!entry.hadRecentInput) w.steadyShift += entry.value;
          }).observe({ type: 'layout-shift', buffered: true });
          // When the editor is ready: the moment a learner can type (printed, never asserted).
          new MutationObserver((_, observer) => {
            if (document.querySelector('[data-testid=playground][data-editor-ready=true]')) {
              (window as unknown as { steadyReadyAt: number }).steadyReadyAt = performance.now();
              observer.disconnect();
            }
          }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-editor-ready'] });
        });
        await page.goto(`${get().url}lessons/${get().lesson}`);
        // Scrolled to the playground so it mounts in view, where a jump would be seen.
        await page.evaluate(() => document.getElementById('playground')?.scrollIntoView());
        await page.waitForSelector('[data-testid=playground][data-editor-ready=true]', { timeout: LONG });
        await waitForTerminalReady(page);
        const cls = (await page.evaluate('window.steadyShift')) as number;
        const timing = (await page.evaluate(`({
        interactive: performance.getEntriesByType('navigation')[0].domInteractive,
        editor: window.steadyReadyAt,
      })`)) as { interactive: number; editor: number };
        console.log(
          `cumulative layout shift while the playground mounts (${layout}): ${cls.toFixed(4)}; ` +
            `page interactive after ${Math.round(timing.interactive)} ms, editor ready after ${Math.round(timing.editor)} ms`,
        );
        expect(cls).toBeLessThan(0.1);
      } finally {
        await context.close();
      }
    },
  );
}

async function reloadLesson(page: Page): Promise<void> {
  await page.reload({ waitUntil: 'load' });
  await page.waitForSelector('[data-testid=playground][data-editor-ready=true]', { timeout: LONG });
}

/** The terminal has drawn its accessible rows (xterm's screen-reader mode). */
async function waitForTerminalReady(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid=terminal] .xterm-accessibility', {
    state: 'attached',
    timeout: LONG,
  });
}
