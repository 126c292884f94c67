/**
 * `npm run build:browser -w runtime`: writes the runtime's browser build to `dist/browser/`
 * (what a course site serves to run lessons 01-04 in the page's workers). Checks what the
 * bundle must not contain (pino, the Node platform, bare imports) and fails loudly if it does.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { browserBuildOptions, withWholeGraphImports } from './browser-bundle.ts';
import { checkBrowserBundle } from './check-browser-bundle.ts';

const outdir = fileURLToPath(new URL('../dist/browser/', import.meta.url));
await rm(outdir, { recursive: true, force: true });
const { metafile } = await build({ ...browserBuildOptions(outdir), metafile: true });
const problems = checkBrowserBundle(metafile, outdir);
if (problems.length > 0) {
  console.error(`browser build is wrong:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
const outputs = Object.entries(metafile.outputs).filter(([path]) => path.endsWith('.js'));
for (const [path] of outputs) {
  const text = await readFile(path, 'utf8');
  const flat = withWholeGraphImports(metafile, path, text);
  if (flat !== text) await writeFile(path, flat);
}
const bytes = outputs.reduce((sum, [, o]) => sum + o.bytes, 0);
console.log(`browser build: ${outputs.length} modules, ${(bytes / 1024).toFixed(0)} KiB in ${outdir}`);
