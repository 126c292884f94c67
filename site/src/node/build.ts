/** Builds the site only when what it is made of changed (a fingerprint of paths, sizes and times). */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
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

export async function buildIfNeeded(force = false): Promise<void> {
  const fingerprint = sourceFingerprint();
  if (!force && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === fingerprint) return;
  console.log('Building the course site (about a minute the first time)…');
  // VitePress (a second to import) only when a build is due: `npm start` and the benches check often.
  const { build } = await import('vitepress');
  await build(SITE_ROOT);
  writeFileSync(STAMP, fingerprint);
}
