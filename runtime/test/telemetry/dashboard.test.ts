/**
 * The dashboard in a real browser (Debian's Chromium, driven by playwright-core): it draws the
 * live graph as SVG with the served Graphviz module, zooms, downloads what it shows, and keeps
 * the last picture with a snapshot banner once the process has gone. Every wait waits for a
 * condition on the page, never for a fixed time.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphBuilder, SoloAct } from '../../src/index.ts';
import { launchChromium } from '../../src/testing/chromium.ts';
import { CountTo, Relay } from '../fixtures/actors.ts';

const WAIT_MS = 8_000;

/** Waits until the drawn SVG has a text line (Graphviz draws one per label line) that says `text`. */
const drawnText = (page: Page, text: string) =>
  page.locator('#view svg text').filter({ hasText: text }).first().waitFor({ timeout: WAIT_MS });

async function downloaded(page: Page, button: string): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

/**
 * Runs `body` with a page of `viewport`'s size and a producer → relay graph serving telemetry at
 * `address`; `endProcess` shuts the graph down (as its process ending would). Both end after `body`.
 */
async function withDashboard(
  browser: Browser,
  viewport: { width: number; height: number },
  body: (page: Page, address: string, endProcess: () => Promise<void>) => Promise<void>,
  colorScheme: 'light' | 'dark' = 'light',
): Promise<void> {
  const graph = GraphBuilder.forTesting().withTelemetry().build({});
  const [tx, rx] = graph.channelBuilder().withName('nums').withCapacity(8).build();
  const [outTx] = graph.channelBuilder().withName('out').withCapacity(4096).build();
  graph.actorBuilder().withName('producer').build(CountTo, [tx, 1000], SoloAct);
  graph.actorBuilder().withName('relay').build(Relay, [rx, outTx], SoloAct);
  graph.start();
  const page = await browser.newPage({ viewport, colorScheme });
  let stopped = false;
  const endProcess = async () => {
    if (stopped) return;
    stopped = true;
    graph.requestShutdown();
    await graph.blockUntilStopped(5000);
  };
  try {
    await body(page, (await graph.telemetry?.address) ?? '', endProcess);
  } finally {
    await page.close();
    await endProcess();
  }
}

describe('the dashboard in Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(() => browser?.close());

  it('draws the actors, zooms, downloads .dot and .svg, and keeps a snapshot when the process ends', async () => {
    await withDashboard(browser, { width: 1000, height: 600 }, async (page, address, endProcess) => {
      await page.goto(`${address}/`);
      for (const name of ['producer', 'relay', 'nums']) await drawnText(page, name);
      expect(await page.isHidden('#snapshot-banner')).toBe(true);

      const width = () => page.getAttribute('#view svg', 'width');
      await page.click('#zoom-fit');
      const fitted = await width();
      await page.click('#zoom-in');
      expect(await page.textContent('#zoom-level')).toMatch(/^\d+%$/);
      expect(Number.parseFloat((await width()) ?? '')).toBeGreaterThan(Number.parseFloat(fitted ?? ''));

      const dot = await downloaded(page, '#download-dot');
      expect(dot.name).toBe('graph.dot');
      expect(dot.text).toMatch(/^digraph G \{[\s\S]*producer[\s\S]*relay/);
      const svg = await downloaded(page, '#download-svg');
      expect(svg.name).toBe('graph.svg');
      expect(svg.text).toMatch(/^<\?xml[^>]*>\n<svg[\s\S]*producer[\s\S]*<\/svg>\n$/);

      await endProcess();
      await page.waitForSelector('#snapshot-banner', { state: 'visible', timeout: WAIT_MS });
      expect(await page.textContent('#snapshot-banner')).toContain('Snapshot — the process has ended');
      expect(await page.locator('#view svg').textContent()).toContain('producer');
      // It asks again in case the process comes back, less and less often (every refused request
      // is an error in the console): 2 s after the first refusal, then 4 s.
      await page.waitForSelector('#next-check:text("Asking it again in 2 s.")', { timeout: WAIT_MS });
      await page.waitForSelector('#next-check:text("Asking it again in 4 s.")', { timeout: WAIT_MS });
    });
  }, 20_000);

  it('embedded (?embed), gives a panel-sized frame to the picture: no header but the zoom, a badge when the process ends', async () => {
    // The size of the course's telemetry panel beside the text.
    const frame = { width: 560, height: 208 };
    await withDashboard(browser, frame, async (page, address, endProcess) => {
      await page.goto(`${address}/?embed`);
      await drawnText(page, 'relay');
      expect(await page.isHidden('h1')).toBe(true);
      expect(await page.isHidden('#refresh')).toBe(true);
      expect(await page.isVisible('#zoom-fit')).toBe(true);
      // Fitted, the picture fills the frame's width or its height (under the full header it
      // was drawn at a few percent of its size, in the few pixels the header left). The fit
      // follows the drawing by a frame or more on a busy machine: asked until it has come.
      const fill = async () => {
        const drawn = await page.locator('#view svg').boundingBox();
        return Math.max((drawn?.width ?? 0) / frame.width, (drawn?.height ?? 0) / frame.height);
      };
      await expect.poll(fill, { timeout: WAIT_MS }).toBeGreaterThan(0.8);

      await endProcess();
      await page.waitForSelector('#snapshot-banner', { state: 'visible', timeout: WAIT_MS });
      expect(await page.textContent('#snapshot-banner .short')).toBe('Snapshot: the process has ended');
      expect(await page.isHidden('#snapshot-banner .long')).toBe(true);
      expect((await page.locator('#snapshot-banner').boundingBox())?.height).toBeLessThan(frame.height / 4);
      expect(await page.locator('#view svg').textContent()).toContain('producer');
    });
  }, 20_000);

  it('embedded, stacks its notices in the corner: the badge never covers why Graphviz could not load', async () => {
    const frame = { width: 560, height: 208 };
    await withDashboard(browser, frame, async (page, address, endProcess) => {
      await page.route('**/viz.js', (route) => route.abort());
      await page.goto(`${address}/?embed`);
      await page.waitForSelector('#problem:has-text("Graphviz could not load")', { timeout: WAIT_MS });
      await page.waitForSelector('#dot-text:has-text("relay")', { timeout: WAIT_MS });
      await endProcess();
      await page.waitForSelector('#snapshot-banner', { state: 'visible', timeout: WAIT_MS });
      const badge = await page.locator('#snapshot-banner').boundingBox();
      const problem = await page.locator('#problem').boundingBox();
      if (!badge || !problem) throw new Error('the badge or the problem is not laid out');
      const apart =
        badge.y + badge.height <= problem.y ||
        problem.y + problem.height <= badge.y ||
        badge.x + badge.width <= problem.x ||
        problem.x + problem.width <= badge.x;
      expect(apart, `badge ${JSON.stringify(badge)}, problem ${JSON.stringify(problem)}`).toBe(true);
    });
  }, 20_000);

  it('is dark when the system asks for it, or the page framing it (?theme=), the picture light on dark in its own colours', async () => {
    // An expression, evaluated in the page (this project's types have no DOM).
    const looks = (page: Page) =>
      page.evaluate<{ background: string; filter: string }>(
        `({
          background: getComputedStyle(document.documentElement).backgroundColor,
          filter: getComputedStyle(document.querySelector('#view svg')).filter,
        })`,
      );
    await withDashboard(
      browser,
      { width: 800, height: 500 },
      async (page, address) => {
        await page.goto(`${address}/?embed`);
        await drawnText(page, 'relay');
        expect(await looks(page)).toEqual({
          background: 'rgb(27, 27, 31)',
          filter: 'invert(0.88) hue-rotate(180deg)',
        });
      },
      'dark',
    );
    await withDashboard(browser, { width: 800, height: 500 }, async (page, address) => {
      await page.goto(`${address}/?embed`);
      await drawnText(page, 'relay');
      expect(await looks(page)).toEqual({ background: 'rgba(0, 0, 0, 0)', filter: 'none' });
      // A frame does not see the theme of the page around it: that page says it in the address.
      await page.goto(`${address}/?embed&theme=dark`);
      await drawnText(page, 'relay');
      expect((await looks(page)).background).toBe('rgb(27, 27, 31)');
    });
    await withDashboard(
      browser,
      { width: 800, height: 500 },
      async (page, address) => {
        await page.goto(`${address}/?theme=light`);
        await drawnText(page, 'relay');
        expect(await looks(page)).toEqual({ background: 'rgba(0, 0, 0, 0)', filter: 'none' });
      },
      'dark',
    );
  });
});
