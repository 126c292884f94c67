/**
 * Builds the site if its sources changed, in a process of its own, as `npm start` does: VitePress
 * cannot build from inside a vitest worker (its server renderer does not resolve there). Tests
 * that need the built site call this first, so they pass whichever test file runs first. Whether
 * a build is due is found here first: the process (Node with its TypeScript loader) takes a second.
 */
import { fileURLToPath } from 'node:url';
import { describeRun, runProgram } from '@steady/runtime/bench';
import { expect } from 'vitest';
import { builtFromCurrentSources } from '../src/node/build.ts';

const SITE_DIR = fileURLToPath(new URL('..', import.meta.url));

export async function buildSiteIfNeeded(): Promise<void> {
  if (builtFromCurrentSources()) return;
  const build = await runProgram(
    process.execPath,
    [
      ...['--import', 'tsx', '--input-type=module', '-e'],
      "const { buildIfNeeded } = await import('./src/node/build.ts'); await buildIfNeeded();",
    ],
    { cwd: SITE_DIR, timeoutMs: 580_000 },
  );
  expect(build.code, describeRun(build)).toBe(0);
}
