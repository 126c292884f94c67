/**
 * `npm run bench -w site`: what a learner waits for and what a lesson page ships.
 *
 * 1. Native mode, in Chromium: from page load to the first line of the lesson's output after Run
 *    (target < 2 s), three runs.
 * 2. The JavaScript a lesson page loads up front, gzipped (target < 500 kB): the HTML's entry
 *    script, its module preloads and their static imports. The playground's lazy chunks (Monaco,
 *    shiki, xterm, the lesson's files) are listed apart, for information.
 *
 * Builds the site first if its sources changed (as `npm start` does).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '@steady/runtime/testing/chromium';
import { buildIfNeeded } from '../src/node/build.ts';
import { DIST_DIR, startSiteServer } from '../src/node/serve.ts';

const LESSON = '01-minimum';

function gz(path: string): number {
  return gzipSync(readFileSync(path)).length;
}

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

async function firstOutput(runs: number): Promise<{ load: number; ready: number; output: number }[]> {
  const site = await startSiteServer({ native: true });
  const browser = await launchChromium();
  const results: { load: number; ready: number; output: number }[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const page = await browser.newPage();
      if (i === 0)
        page.on('response', (response) => {
          const path = new URL(response.url()).pathname;
          if (path.endsWith('.js')) fetchedScripts.add(join(DIST_DIR, path));
        });
      await page.goto(`${site.url}lessons/${LESSON}`, { waitUntil: 'load' });
      const load = await page.evaluate(() => performance.getEntriesByType('navigation')[0]!.duration);
      await page.waitForSelector('[data-testid=run]:not([disabled])', { timeout: 60_000 });
      // Click Run and time, in the page, until the terminal shows a line of the lesson's output.
      // (A string, so the bundler's helpers do not leak into the page.)
      const timing = (await page.evaluate(`(async () => {
        const ready = performance.now();
        const rows = () => window.steadyPlayground.terminalText();
        document.querySelector('[data-testid=run]').click();
        const deadline = ready + 30000;
        while (performance.now() < deadline) {
          if (/telemetry:|Heartbeat/.test(rows())) return { ready, output: performance.now() };
          await new Promise((r) => setTimeout(r, 5));
        }
        throw new Error('no output within 30 s: ' + rows());
      })()`)) as { ready: number; output: number };
      results.push({ load, ready: timing.ready, output: timing.output });
      if (i === 0) await page.waitForSelector('[data-editor-ready=true]', { timeout: 60_000 });
      await page.click('[data-testid=stop]').catch(() => undefined);
      await page.close();
    }
  } finally {
    await browser.close();
    await site.close();
  }
  return results;
}

const kB = (n: number) => `${(n / 1024).toFixed(1)} kB`;

await buildIfNeeded();
const eager = eagerScripts(DIST_DIR, `lessons/${LESSON}.html`);
const eagerBytes = eager.reduce((sum, f) => sum + gz(f), 0);
const allChunks = (() => {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.js')) out.push(full);
    }
  };
  walk(join(DIST_DIR, 'assets'));
  return out;
})();

console.log(`\nLesson page ${LESSON}: JavaScript loaded up front (gzipped)`);
console.log('file                                                     gzip');
for (const f of eager) console.log(`${f.slice(DIST_DIR.length + 1).padEnd(56)} ${kB(gz(f)).padStart(9)}`);
console.log(
  `${'total'.padEnd(56)} ${kB(eagerBytes).padStart(9)}   target < 500 kB: ${eagerBytes < 500 * 1024 ? 'met' : 'MISSED'}`,
);
const lazy = allChunks.filter((f) => !eager.includes(f));
console.log(
  `lazy chunks (playground: Monaco, shiki, xterm, lesson files; loaded after the page): ${lazy.length} files, ${kB(lazy.reduce((s, f) => s + gz(f), 0))} gzipped`,
);

const runs = await firstOutput(3);
console.log('\nNative mode: page load → first line of output (Chromium, headless)');
console.log('run  page load   Run enabled after load   Run → first output   load → first output');
runs.forEach((r, i) => {
  console.log(
    `${String(i + 1).padEnd(4)} ${`${r.load.toFixed(0)} ms`.padStart(9)}   ${`${(r.ready - r.load).toFixed(0)} ms`.padStart(22)}   ${`${(r.output - r.ready).toFixed(0)} ms`.padStart(18)}   ${`${(r.output - r.load).toFixed(0)} ms`.padStart(19)}`,
  );
});
const worst = Math.max(...runs.map((r) => r.output - r.ready));
console.log(
  `worst Run → first output: ${worst.toFixed(0)} ms   target < 2000 ms: ${worst < 2000 ? 'met' : 'MISSED'}`,
);
const fetched = [...fetchedScripts].filter((f) => f.startsWith(DIST_DIR));
console.log(
  `\nFor information: all JavaScript fetched until the editor is ready, Monaco included: ${fetched.length} files (workers too), ${kB(fetched.reduce((s, f) => s + gz(f), 0))} gzipped`,
);
