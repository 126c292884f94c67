/**
 * A bench module bundled for a page (esbuild, in memory): the bench's scripts are typed modules
 * like the rest of the bench, handed to the page as text (an init script, or a blob module), so
 * the built site stays as learners get it.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export async function bundleForPage(file: URL, format: 'esm' | 'iife'): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(file)],
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
