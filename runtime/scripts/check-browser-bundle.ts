/** What must hold of a browser build, checked on esbuild's metafile (by the build and by the tests). */
import { basename, relative, sep } from 'node:path';
import type { Metafile } from 'esbuild';

/** Packages that must never reach the browser: they need Node (pino) or are the Node platform. */
const FORBIDDEN_INPUTS = [
  /node_modules\/pino/,
  /node_modules\/pino-pretty/,
  /src\/platform\/node/,
  /node_modules\/tsx/,
];

/** Worker entries that bring the runtime's public entry file itself (`siblingEntries` in browser-bundle.ts). */
const BRING_THE_INDEX = ['program-worker.js', 'worker-host.js'];

export function checkBrowserBundle(metafile: Metafile, outdir: string): string[] {
  const problems: string[] = [];
  for (const [outputPath, output] of Object.entries(metafile.outputs)) {
    if (!outputPath.endsWith('.js')) continue;
    for (const input of Object.keys(output.inputs)) {
      if (FORBIDDEN_INPUTS.some((pattern) => pattern.test(input)))
        problems.push(`${outputPath} contains ${input}`);
    }
    for (const imported of output.imports) {
      if (imported.external && !imported.path.startsWith('.') && !imported.path.startsWith('/'))
        problems.push(`${outputPath} keeps a bare import of ${imported.path}`);
    }
    if (
      BRING_THE_INDEX.includes(basename(outputPath)) &&
      !output.imports.some((i) => i.path === './index.js')
    )
      problems.push(
        `${outputPath} does not import ./index.js: a learner's import of the runtime would wait for it`,
      );
    // new URL('./worker-host.js', import.meta.url) must find the actor threads' entry.
    const usesThreads = Object.keys(output.inputs).some((input) =>
      input.endsWith('platform/browser/threads.ts'),
    );
    const folder = relative(outdir, outputPath).split(sep).slice(0, -1).join('/');
    if (usesThreads && folder !== '')
      problems.push(`${outputPath} starts actor threads but is in ${folder}/`);
  }
  return problems;
}
