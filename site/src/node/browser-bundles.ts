/**
 * The browser engine's files in the built site, written after VitePress has written its own:
 * - `steady/runtime/`: the runtime's browser build (`npm run build:browser -w runtime`), copied as is;
 * - `steady/testkit/`: vitest's runner and expect plus the test worker, bundled with esbuild;
 * - `steady-sw.js`: the Service Worker, with the list of every file of the site inlined for precaching
 *   and a version made from their content (a new build is a new Service Worker).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { build } from 'esbuild';
import { REPO_ROOT } from './lessons.ts';

const SITE_ROOT = join(REPO_ROOT, 'site');
const BROWSER_SRC = join(SITE_ROOT, 'src', 'client', 'browser');
const RUNTIME_BUILD = join(REPO_ROOT, 'runtime', 'dist', 'browser');

/** Files of the build that are not the site: the build stamp, the host's header rules, source maps. */
const NOT_PRECACHED = /(^|\/)(\.steady-build|_headers|steady-sw\.js)$|\.map$/;

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (path: string) => {
    for (const name of readdirSync(path).sort()) {
      const full = join(path, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return out;
}

/** Runs the runtime's browser build and copies it to `steady/runtime/`; false when the runtime has none. */
export function copyRuntimeBuild(outDir: string): boolean {
  const scripts = JSON.parse(readFileSync(join(REPO_ROOT, 'runtime', 'package.json'), 'utf8')).scripts ?? {};
  if (!scripts['build:browser']) {
    console.warn('steady: the runtime has no build:browser script; the browser engine cannot run lessons');
    return false;
  }
  execFileSync('npm', ['run', '--silent', 'build:browser', '-w', 'runtime'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
  if (!existsSync(join(RUNTIME_BUILD, 'index.js')))
    throw new Error(`npm run build:browser -w runtime wrote no ${join(RUNTIME_BUILD, 'index.js')}`);
  const target = join(outDir, 'steady', 'runtime');
  rmSync(target, { recursive: true, force: true });
  cpSync(RUNTIME_BUILD, target, { recursive: true });
  return true;
}

/** vitest's runner + expect (`vitest.js`), the grader's helpers for exercise tests and the test worker, sharing one copy of each. */
export async function buildTestKit(outDir: string): Promise<void> {
  await build({
    entryPoints: {
      vitest: join(BROWSER_SRC, 'testkit', 'vitest.ts'),
      'test-worker': join(BROWSER_SRC, 'testkit', 'test-worker.ts'),
      // `@steady/grader/variant` and `/learner-tests` for exercise tests (one module instance
      // with the test worker's, which says what it grades).
      'grader-variant': join(BROWSER_SRC, 'testkit', 'grader-variant.ts'),
      'learner-tests': join(BROWSER_SRC, 'testkit', 'learner-tests.ts'),
    },
    outdir: join(outDir, 'steady', 'testkit'),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'linked',
    logLevel: 'warning',
  });
}

/** The Service Worker, with the precache list of everything now in `outDir`. */
export async function buildServiceWorker(outDir: string): Promise<{ version: string; files: string[] }> {
  const files = filesUnder(outDir).filter((file) => !NOT_PRECACHED.test(file));
  const hash = createHash('sha256');
  for (const file of files) hash.update(file).update(readFileSync(join(outDir, file)));
  const precache = { version: hash.digest('hex').slice(0, 16), files: files.map((file) => `/${file}`) };
  await build({
    entryPoints: [join(BROWSER_SRC, 'sw.ts')],
    outfile: join(outDir, 'steady-sw.js'),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'linked',
    define: { __STEADY_PRECACHE__: JSON.stringify(precache) },
    logLevel: 'warning',
  });
  return precache;
}

/** Everything the browser engine needs, added to a finished VitePress build. */
export async function addBrowserEngine(outDir: string): Promise<void> {
  copyRuntimeBuild(outDir);
  await buildTestKit(outDir);
  const { files, version } = await buildServiceWorker(outDir);
  writeFileSync(join(outDir, 'steady', 'precache.json'), `${JSON.stringify({ version, files }, null, 1)}\n`);
  console.log(`steady: browser engine added (${files.length} files precached, version ${version})`);
}
