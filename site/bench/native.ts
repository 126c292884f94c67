/**
 * The `native` section of `npm run bench -w site`: what a lesson page ships, and what a learner
 * waits for in native mode.
 *
 * 1. Native mode, in Chromium: from page load to the first line of the lesson's output after Run
 *    (target < 2 s), three runs (one with `--smoke`, which also leaves out the list of what the
 *    page fetched until its editor was ready).
 * 2. The JavaScript a lesson page loads up front, gzipped (target < 150 kB): the HTML's entry
 *    script, its module preloads and their static imports. The playground's lazy chunks (Monaco,
 *    shiki, xterm, the lesson's files) are listed apart, for information.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { fixed, formatTable } from '@steady/runtime/bench';
import type { Browser, BrowserContext } from 'playwright-core';
import { DIST_DIR, type SiteServer, startSiteServer } from '../src/node/serve.ts';

const LESSON = '01-minimum';
/** What a lesson page may load before the learner clicks anything, gzipped; the rest loads when needed. */
const PAGE_WEIGHT_TARGET_KB = 150;

/** A file's gzipped size; zlib's thread pool works while the main thread starts the site server. */
async function gz(path: string): Promise<number> {
  return (await promisify(gzip)(readFileSync(path))).length;
}

const sum = (sizes: readonly number[]) => sizes.reduce((total, size) => total + size, 0);

/** Entry scripts and module preloads of a built page, plus everything they import statically. */
export function eagerScripts(distDir: string, htmlFile: string): string[] {
  const html = readFileSync(join(distDir, htmlFile), 'utf8');
  const roots = [
    ...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ].map((m) => join(distDir, m[1]!));
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    // Static imports only (`import"./x.js"`, `from"./x.js"`); `import("./x.js")` is lazy.
    for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*)["'](\.{1,2}\/[^"']+\.js)["']/g)) {
      visit(resolve(dirname(file), m[1]!));
    }
  };
  for (const root of roots) visit(root);
  return [...seen];
}

/** Every script the page fetched until the editor was ready (Monaco and its lazy chunks included). */
const fetchedScripts = new Set<string>();

async function firstOutput(
  browser: Browser,
  site: SiteServer,
  runs: number,
  waitForEditor: boolean,
): Promise<{ load: number; ready: number; output: number }[]> {
  const results: { load: number; ready: number; output: number }[] = [];
  // What a learner does first: open the printed link, which hands the browser the runner's
  // cookie; every measured page then shares that browser context (and cookie), not the cache.
  if (!site.loginUrl) throw new Error('the site server started without the native runner');
  const context = await browser.newContext();
  try {
    // The cookie comes with the login's redirect: the page it leads to need not finish loading.
    const login = await context.newPage();
    await login.goto(site.loginUrl, { waitUntil: 'commit' });
    await login.close();
    for (let i = 0; i < runs; i++)
      results.push(await timeFirstOutput(context, site, i === 0 && waitForEditor));
  } finally {
    await context.close(); // the browser goes on to the next section
  }
  return results;
}

/** One page load and Run; with `waitForEditor`, also notes every script fetched until the editor is ready. */
async function timeFirstOutput(
  context: BrowserContext,
  site: SiteServer,
  waitForEditor: boolean,
): Promise<{ load: number; ready: number; output: number }> {
  const page = await context.newPage();
  if (waitForEditor)
    page.on('response', (response) => {
      const path = new URL(response.url()).pathname;
      if (path.endsWith('.js')) fetchedScripts.add(join(DIST_DIR, path));
    });
  await page.goto(`${site.url}lessons/${LESSON}`, { waitUntil: 'load' });
  const load = await page.evaluate(() => performance.getEntriesByType('navigation')[0]!.duration);
  await page.waitForSelector('[data-testid=run]:not([disabled])', { timeout: 60_000 });
  // Click Run and time, in the page, until the terminal shows a line of the lesson's output.
  // (No named functions inside: the page must not need the helpers tsx adds to them.)
  const timing = await page.evaluate(async (timeoutMs) => {
    const ready = performance.now();
    const playground = (window as unknown as { steadyPlayground: { terminalText(): string } })
      .steadyPlayground;
    document.querySelector<HTMLButtonElement>('[data-testid=run]')?.click();
    while (performance.now() < ready + timeoutMs) {
      if (/telemetry:|Heartbeat/.test(playground.terminalText())) return { ready, output: performance.now() };
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error(`no output within ${timeoutMs} ms: ${playground.terminalText()}`);
  }, 30_000);
  if (waitForEditor) await page.waitForSelector('[data-editor-ready=true]', { timeout: 60_000 });
  await page.click('[data-testid=stop]').catch(() => undefined);
  await page.close();
  return { load, ready: timing.ready, output: timing.output };
}

const kB = (n: number) => `${fixed(n / 1024, 1)} kB`;
const ms = (n: number) => `${fixed(n, 0)} ms`;

function jsFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...jsFilesUnder(full));
    else if (entry.name.endsWith('.js')) out.push(full);
  }
  return out;
}

/** Prints the page's weight, then times native mode's first output in `browser` (one run with `smoke`). */
export async function nativeModeBench(browser: Browser, smoke: boolean): Promise<void> {
  // The site server starts while the tables below are worked out (gzipping the chunks takes a while).
  const site = startSiteServer({ native: true });
  site.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
  const eager = eagerScripts(DIST_DIR, `lessons/${LESSON}.html`);
  const lazy = jsFilesUnder(join(DIST_DIR, 'assets')).filter((f) => !eager.includes(f));
  const [eagerSizes, lazySizes] = await Promise.all([Promise.all(eager.map(gz)), Promise.all(lazy.map(gz))]);
  const eagerBytes = sum(eagerSizes);
  const budgetMet = eagerBytes < PAGE_WEIGHT_TARGET_KB * 1024 ? 'met' : 'MISSED';
  console.log(`\nLesson page ${LESSON}: JavaScript loaded up front (gzipped)\n`);
  console.log(
    formatTable(
      [{ header: 'file', align: 'left' }, 'gzip'],
      [
        ...eager.map((f, i) => [f.slice(DIST_DIR.length + 1), kB(eagerSizes[i] ?? 0)]),
        ['total', kB(eagerBytes)],
      ],
    ),
  );
  console.log(`target < ${PAGE_WEIGHT_TARGET_KB} kB: ${budgetMet}`);
  console.log(
    `lazy chunks (playground: Monaco, shiki, xterm, lesson files; loaded after the page): ${lazy.length} files, ${kB(sum(lazySizes))} gzipped`,
  );

  // A smoke run does not wait for the editor: the list of what it fetched is for information only.
  const server = await site;
  let runs: Awaited<ReturnType<typeof firstOutput>>;
  try {
    runs = await firstOutput(browser, server, smoke ? 1 : 3, !smoke);
  } finally {
    await server.close();
  }
  console.log('\nNative mode: page load → first line of output (Chromium, headless)\n');
  console.log(
    formatTable(
      ['run', 'page load', 'Run enabled after load', 'Run → first output', 'load → first output'],
      runs.map((r, i) => [
        String(i + 1),
        ms(r.load),
        ms(r.ready - r.load),
        ms(r.output - r.ready),
        ms(r.output - r.load),
      ]),
    ),
  );
  const worst = Math.max(...runs.map((r) => r.output - r.ready));
  console.log(
    `worst Run → first output: ${ms(worst)}   target < 2000 ms: ${worst < 2000 ? 'met' : 'MISSED'}`,
  );
  if (smoke) return;
  // Scripts served from elsewhere (the dashboard's viz.js comes from node_modules) are not counted.
  const fetched = [...fetchedScripts].filter((f) => existsSync(f));
  console.log(
    `\nFor information: all JavaScript fetched until the editor is ready, Monaco included: ${fetched.length} files (workers too), ${kB(sum(await Promise.all(fetched.map(gz))))} gzipped`,
  );
}
