/** Builds the site only when what it is made of changed (a fingerprint of paths, sizes and times). */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import lockfile from 'proper-lockfile';
import { REPO_ROOT } from './lessons.ts';
import { DIST_DIR, SITE_ROOT } from './serve.ts';

const STAMP = join(DIST_DIR, '.steady-build');
const WATCHED = [
  'site/pages',
  'site/.vitepress/config.ts',
  'site/.vitepress/theme',
  'site/src',
  'lessons',
  'runtime/src',
  'runtime/README.md',
  'tools/grader',
];

/** A fingerprint of everything the built site is made from (paths, sizes, times). */
export function sourceFingerprint(): string {
  const hash = createHash('sha256');
  const walk = (path: string) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const name of readdirSync(path).sort()) {
        if (name === 'node_modules' || name.startsWith('.')) continue;
        walk(join(path, name));
      }
    } else hash.update(`${relative(REPO_ROOT, path)}:${stat.size}:${stat.mtimeMs}\n`);
  };
  for (const entry of WATCHED) walk(join(REPO_ROOT, entry));
  walk(join(SITE_ROOT, '.vitepress', 'theme'));
  walk(join(SITE_ROOT, '.vitepress', 'config.ts'));
  return hash.digest('hex');
}

/**
 * Held while a process builds, so that two processes that find the site stale (two `npm start`s,
 * a bench beside a test) do not write the same folder at once: the second waits, then finds the
 * site built. A lock whose process died is taken over once it is a minute old (the holder renews
 * it every 30 s; a build can keep the event loop busy for seconds at a time).
 */
const BUILD_LOCK = join(SITE_ROOT, '.vitepress', '.build.lock');

/** Runs `work` holding the build lock (at `lockPath`), waiting for another holder first. */
export async function whileLocked(work: () => Promise<void>, lockPath = BUILD_LOCK): Promise<void> {
  const options: lockfile.LockOptions = {
    lockfilePath: lockPath,
    realpath: false,
    stale: 60_000,
    onCompromised: (error) => console.warn(`The site build's lock was lost: ${error.message}`),
  };
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(SITE_ROOT, options);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ELOCKED') throw error;
    console.log('Another process is building the course site: waiting for it…');
    release = await lockfile.lock(SITE_ROOT, {
      ...options,
      retries: { forever: true, minTimeout: 250, maxTimeout: 1000 },
    });
  }
  try {
    await work();
  } finally {
    await release();
  }
}

const isBuilt = (fingerprint: string) => existsSync(STAMP) && readFileSync(STAMP, 'utf8') === fingerprint;

/** Whether the last build was made from the sources as they are now (tens of ms to find out). */
export const builtFromCurrentSources = (): boolean => isBuilt(sourceFingerprint());

export async function buildIfNeeded(force = false): Promise<void> {
  const fingerprint = sourceFingerprint();
  if (!force && isBuilt(fingerprint)) return;
  await whileLocked(async () => {
    // Taken again: the sources may have changed while this process waited for the lock.
    const current = sourceFingerprint();
    if (!force && isBuilt(current)) return; // built by the process this one waited for
    console.log('Building the course site (about a minute the first time)…');
    // VitePress (a second to import) only when a build is due: `npm start` and the benches check often.
    const { build } = await import('vitepress');
    await build(SITE_ROOT);
    writeFileSync(STAMP, current);
  });
}
