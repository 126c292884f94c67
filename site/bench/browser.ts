/**
 * `npm run bench:browser -w site`: the browser engine as a learner meets it, in Chromium, on the
 * built site served by a plain static host (no runner).
 *
 * 1. Cold: a fresh browser profile opens lesson 01 and presses Run: page load → first heartbeat
 *    (includes the Service Worker's first install, which precaches the whole site).
 * 2. Warm: the same profile reloads the page and presses Run again: load → first heartbeat.
 * 3. Test → grade for lesson 01 (the four exercises, starters).
 * 4. Lesson 04's throughput line with `--beats 2000`, as printed by the lesson.
 *
 * Builds the site first if its sources changed. Figures go to site/README.md by hand.
 */
import { launchChromium } from '@steady/runtime/testing/chromium';
import type { Page } from 'playwright-core';
import { buildIfNeeded } from '../src/node/build.ts';
import { DIST_DIR } from '../src/node/serve.ts';
import { startStaticHost } from '../test/static-host.ts';

const LIMIT = 300_000;

async function openAndRun(page: Page, url: string, args: string, pattern: RegExp): Promise<number> {
  const start = Date.now();
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('[data-testid=playground][data-editor-ready=true]', { timeout: LIMIT });
  await page.fill('[data-testid=args]', args);
  await page.click('[data-testid=run]');
  await page.waitForFunction(`${pattern}.test(window.steadyPlayground.terminalText())`, undefined, {
    timeout: LIMIT,
    polling: 20,
  });
  return Date.now() - start;
}

async function waitForRunEnd(page: Page): Promise<void> {
  await page.waitForFunction(
    () => /exit code|Exited|Stopped/.test(document.querySelector('[data-testid=status]')?.textContent ?? ''),
    undefined,
    { timeout: LIMIT },
  );
}

await buildIfNeeded();
const host = await startStaticHost(DIST_DIR);
const browser = await launchChromium();
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  const lesson01 = `${host.url}lessons/01-minimum`;
  const cold = await openAndRun(page, lesson01, '--rate 100 --beats 3', /Heartbeat 3/);
  await waitForRunEnd(page);
  const warm = await openAndRun(page, lesson01, '--rate 100 --beats 3', /Heartbeat 3/);
  await waitForRunEnd(page);

  const before = (await page.evaluate('window.steadyPlayground.gradings()')) as number;
  const testStart = Date.now();
  await page.click('[data-testid=test]');
  await page.waitForFunction(`window.steadyPlayground.gradings() > ${before}`, undefined, { timeout: LIMIT });
  const grading = Date.now() - testStart;

  await openAndRun(page, `${host.url}lessons/04-performant`, '--beats 2000', /messages\/s/);
  const text = (await page.evaluate('window.steadyPlayground.terminalText()')) as string;
  const throughput = /total: .*messages\/s/.exec(text)?.[0] ?? '(no throughput line)';

  console.log('Browser engine, Chromium, static host (no runner)');
  console.log(`cold load → first heartbeat (Service Worker installs, precaches)  ${cold} ms`);
  console.log(`warm load → first heartbeat                                       ${warm} ms`);
  console.log(`Test → grade, lesson 01 (4 exercises)                             ${grading} ms`);
  console.log(`lesson 04 --beats 2000: ${throughput}`);
} finally {
  await browser.close();
  await host.close();
}
