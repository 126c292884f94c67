/**
 * The same-page comparison of the browser bench: lesson 04's work with batched postMessage
 * between two workers, in the page the browser engine just used. `postmessage-page.ts` and
 * `postmessage-stage.ts` are bundled (`page-bundle.ts`) and handed to the page as blob modules.
 */
import type { Page } from 'playwright-core';
import { expectedCounts } from '../../lessons/04-performant/src/fizzbuzz.ts';
import { bundleForPage } from './page-bundle.ts';
import type { PageRun } from './postmessage-page.ts';

/** Runs `messages` values through the postMessage pipeline in `page`; checks the counts it brings back. */
export async function batchedPostMessageInPage(page: Page, messages: number): Promise<PageRun> {
  const [driver, stage] = await Promise.all([
    bundleForPage(new URL('./postmessage-page.ts', import.meta.url), 'esm'),
    bundleForPage(new URL('./postmessage-stage.ts', import.meta.url), 'iife'),
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
