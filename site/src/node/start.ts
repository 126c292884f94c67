/**
 * `npm start` at the repository root: builds the site when its sources changed, then serves it on
 * 127.0.0.1 with native mode on, and prints the address to open. In native mode that address is a
 * login link: opening it connects this browser to the runner (see runner-access.ts).
 *
 *   npm start                         build if needed, serve on port 5170 (or the next free one)
 *   npm start -- --port 8080          another port
 *   npm start -- --no-native          serve without the runner (lessons run in the browser)
 *   npm start -- --rebuild            build even if nothing changed
 *   npm start -- --max-runs 2         at most 2 lesson runs at once across every page
 */
import { Command, InvalidArgumentError } from 'commander';
import { buildIfNeeded } from './build.ts';
import { DEFAULT_MAX_RUNS, DEFAULT_MAX_SESSIONS } from './runner.ts';
import { startSiteServer } from './serve.ts';

function integerIn(min: number, max: number) {
  return (text: string): number => {
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < min || value > max)
      throw new InvalidArgumentError(`must be a whole number from ${min} to ${max}`);
    return value;
  };
}

interface StartOptions {
  port: number;
  native: boolean;
  build: boolean;
  rebuild: boolean;
  maxRuns: number;
  maxSessions: number;
}

const program = new Command('steady-course')
  .description('Serves the course site on 127.0.0.1; in native mode lessons run on this machine.')
  .option(
    '--port <n>',
    'port to serve on (0: any free port)',
    integerIn(0, 65535),
    Number(process.env.PORT ?? 5170),
  )
  .option('--no-native', 'serve without the local runner (lessons run in the browser)')
  .option('--no-build', 'serve the last build as it is')
  .option('--rebuild', 'build the site even if nothing changed', false)
  .option(
    '--max-runs <n>',
    'lesson runs going at once, across every page',
    integerIn(1, 64),
    DEFAULT_MAX_RUNS,
  )
  .option('--max-sessions <n>', 'lesson pages connected at once', integerIn(1, 1000), DEFAULT_MAX_SESSIONS)
  .showHelpAfterError()
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2));

program.parse(process.argv);
const options = program.opts<StartOptions>();

if (options.build) await buildIfNeeded(options.rebuild);
// STEADY_WORK_DIR: where working copies go (tests use a folder of their own); default `.work/`.
const workRoot = process.env.STEADY_WORK_DIR;
const site = await startSiteServer({
  port: options.port,
  native: options.native,
  maxRuns: options.maxRuns,
  maxSessions: options.maxSessions,
  ...(workRoot ? { workRoot } : {}),
});
console.log(
  site.loginUrl
    ? `\n  Steady course: open ${site.loginUrl}\n  (this link connects your browser to the local runner: keep it to yourself)\n  native mode on: lessons run on this machine (loopback only)\n  Ctrl+C to stop.\n`
    : `\n  Steady course: open ${site.url}\n  native mode off: lessons run in the browser\n  Ctrl+C to stop.\n`,
);
