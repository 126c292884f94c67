/**
 * `npm run bench -w site`: what a learner waits for and what a lesson page ships, in two sections
 * that share one Chromium:
 *
 *   native    the JavaScript a lesson page loads up front, and native mode's page load → first
 *             output (`native.ts`)
 *   browser   the browser engine on a plain static host: load → first heartbeat, Test, lesson 04
 *             against batched postMessage (`browser.ts`)
 *
 *   npm run bench -w site -- --only browser    one section
 *   npm run bench -w site -- --smoke           every section in seconds (what `npm test` runs)
 *
 * Builds the site first if its sources changed (as `npm start` does), unless `--no-build`. The
 * sections run one after the other, in this order: the browser section closes its pages before
 * its last run (lesson 04 under Node), which must not share the cores with anything.
 */
import {
  type BenchOptions,
  benchCommand,
  onlyOption,
  parseBenchOptions,
  runIfEntryPoint,
} from '@steady/runtime/bench';
import { launchChromium } from '@steady/runtime/testing/chromium';
import type { Browser } from 'playwright-core';
import { buildIfNeeded } from '../src/node/build.ts';
import { browserEngineBench } from './browser.ts';
import { nativeModeBench } from './native.ts';

const SECTIONS = {
  native: nativeModeBench,
  browser: browserEngineBench,
} satisfies Record<string, (browser: Browser, smoke: boolean) => Promise<void>>;
type Section = keyof typeof SECTIONS;
const SECTION_NAMES = Object.keys(SECTIONS) as Section[];

interface Options extends BenchOptions {
  readonly build: boolean;
  readonly only?: Section[];
}

export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const options = parseBenchOptions<Options>(
    onlyOption(
      benchCommand('bench', 'The lesson page’s weight, native mode’s first output, and the browser engine.'),
      SECTION_NAMES,
      'sections',
    ).option('--no-build', 'measure the last build as it is (default: build first if the sources changed)'),
    argv,
  );
  if (options.build) await buildIfNeeded();
  const browser = await launchChromium();
  try {
    for (const name of SECTION_NAMES)
      if (!options.only || options.only.includes(name)) await SECTIONS[name](browser, options.smoke);
  } finally {
    await browser.close();
  }
}

runIfEntryPoint(import.meta.url, main);
