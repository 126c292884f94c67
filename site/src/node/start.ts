/**
 * `npm start` at the repository root: builds the site when its sources changed, then serves it on
 * 127.0.0.1 with native mode on, and prints the address to open.
 *
 *   npm start                       build if needed, serve on port 5170 (or the next free one)
 *   npm start -- --port 8080        another port
 *   npm start -- --no-native        serve without the runner (the page then uses WebContainers)
 *   npm start -- --rebuild          build even if nothing changed
 */
import { buildIfNeeded } from './build.ts';
import { startSiteServer } from './serve.ts';

async function main(argv: readonly string[]): Promise<void> {
  const flag = (name: string) => argv.includes(name);
  const portAt = argv.indexOf('--port');
  const port = portAt >= 0 ? Number(argv[portAt + 1]) : Number(process.env.PORT ?? 5170);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error('--port must be a number between 0 and 65535');
    process.exit(2);
  }
  if (!flag('--no-build')) await buildIfNeeded(flag('--rebuild'));
  const native = !flag('--no-native');
  // STEADY_WORK_DIR: where working copies go (tests use a folder of their own); default `.work/`.
  const workRoot = process.env.STEADY_WORK_DIR;
  const site = await startSiteServer({ port, native, ...(workRoot ? { workRoot } : {}) });
  console.log(
    `\n  Steady course: open ${site.url}\n  ${native ? 'native mode on: lessons run on this machine (loopback only)' : 'native mode off'}\n  Ctrl+C to stop.\n`,
  );
}

await main(process.argv.slice(2));
