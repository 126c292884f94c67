/**
 * Regenerates docs/dashboard.png: runs this lesson for real, opens the dashboard it announces
 * in headless Chromium (playwright-core) and saves a screenshot once the generator → worker
 * edge has turned red, as the README describes.
 *
 *   npx tsx scripts/screenshot.ts      (from lessons/02-standard; CHROMIUM_PATH overrides /usr/bin/chromium)
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '@steady/runtime/testing/chromium';

const LESSON_DIR = fileURLToPath(new URL('..', import.meta.url));
const OUT = fileURLToPath(new URL('../docs/dashboard.png', import.meta.url));
const VIEWPORT = { width: 1200, height: 700 };
const WAIT_MS = 60_000;

const lesson = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--beats', '60'], {
  cwd: LESSON_DIR,
  stdio: ['ignore', 'pipe', 'inherit'],
});

/** The address the lesson prints as `telemetry: http://…`. */
function telemetryAddress(): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the lesson printed no telemetry address')), WAIT_MS);
    let seen = '';
    lesson.stdout.on('data', (chunk: Buffer) => {
      seen = (seen + chunk.toString()).slice(-4096);
      const found = /telemetry: (http:\/\/\S+)/.exec(seen);
      if (found?.[1]) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    });
    lesson.once('exit', (code) =>
      reject(new Error(`the lesson exited (${code}) before its dashboard was up`)),
    );
  });
}

const browser = await launchChromium();
try {
  const address = await telemetryAddress();
  const page = await browser.newPage({ viewport: VIEWPORT });
  await page.goto(`${address}/`);
  // A red edge in Graphviz's SVG is a path stroked red: the channel's trigger has fired.
  await page.locator('#view svg g.edge path[stroke="red"]').waitFor({ timeout: WAIT_MS });
  await page.locator('#view svg text').filter({ hasText: 'Avg mCPU' }).first().waitFor({ timeout: WAIT_MS });
  await page.screenshot({ path: OUT });
  process.stdout.write(`saved ${OUT}\n`);
} finally {
  await browser.close();
  if (lesson.exitCode === null) {
    lesson.kill();
    await once(lesson, 'exit');
  }
}
