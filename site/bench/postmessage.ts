/**
 * The same-page comparison of the browser bench: lesson 04's work with batched postMessage
 * between two workers, in the page the browser engine just used. `postmessage-page.ts` and
 * `postmessage-stage.ts` are bundled here with esbuild (typed modules, like the rest of the
 * bench) and handed to the page as blob modules, so the built site stays as learners get it.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { expectedCounts } from '../../lessons/04-performant/src/fizzbuzz.ts';
import type { PageRun } from './postmessage-page.ts';

async function bundle(file: string, format: 'esm' | 'iife'): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL(file, import.meta.url))],
    bundle: true,
    format,
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'warning',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error(`esbuild wrote nothing for ${file}`);
  return output.text;
}

/** Runs `messages` values through the postMessage pipeline in `page`; checks the counts it brings back. */
export async function batchedPostMessageInPage(page: Page, messages: number): Promise<PageRun> {
  const [driver, stage] = await Promise.all([
    bundle('./postmessage-page.ts', 'esm'),
    bundle('./postmessage-stage.ts', 'iife'),
  ]);
  // No named functions inside: the page does not have the helpers tsx adds to them.
  const run = await page.evaluate(
    async ({ driver, stage, messages }) => {
      const [driverUrl, stageUrl] = [driver, stage].map((code) =>
        URL.createObjectURL(new Blob([code], { type: 'text/javascript' })),
      );
      const module = (await import(
        /* @vite-ignore */ driverUrl as string
      )) as typeof import('./postmessage-page.ts');
      return module.batchedPostMessage(stageUrl as string, messages);
    },
    { driver, stage, messages },
  );
  const expected = expectedCounts(messages);
  if (JSON.stringify(run.counts) !== JSON.stringify(expected))
    throw new Error(
      `the postMessage pipeline counted ${JSON.stringify(run.counts)}, expected ${JSON.stringify(expected)}`,
    );
  return run;
}
