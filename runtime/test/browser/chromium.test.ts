/**
 * The test browser's switches: Chromium keeps only the last `--disable-features` it is given, so
 * `launchChromium`'s own must name every feature Playwright's turns off as well as its own; and no
 * browser context builds the address bar's popups (two WebUI pages each, seconds of CPU in a run).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium } from '../../src/testing/chromium.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
}, 60_000);
afterAll(() => browser?.close());

it('the last --disable-features Chromium got names every feature an earlier one did', async () => {
  const page = await browser.newPage();
  await page.goto('chrome://version');
  const commandLine = (await page.locator('#command_line').textContent()) ?? '';
  await page.close();
  const lists = [...commandLine.matchAll(/--disable-features=(\S+)/g)].map((m) => m[1]!.split(','));
  expect(lists.length, commandLine).toBeGreaterThan(1); // Playwright's, then ours
  const last = lists.at(-1)!;
  const missing = lists.flat().filter((feature) => !last.includes(feature));
  expect(missing, 'Playwright turns these off: add them to PLAYWRIGHT_DISABLED_FEATURES').toEqual([]);
});

it('a new browser context opens no address-bar popup page', async () => {
  const context = await browser.newContext();
  await (await context.newPage()).goto('about:blank');
  const session = await browser.newBrowserCDPSession();
  const { targetInfos } = await session.send('Target.getTargets');
  await context.close();
  expect(targetInfos.map((target) => target.url).filter((url) => url.startsWith('chrome://'))).toEqual([]);
});
