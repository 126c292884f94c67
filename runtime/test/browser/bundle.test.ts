/**
 * The browser build's worker entries name every module of their static graph
 * (`withWholeGraphImports`), so that a worker asks for the whole runtime at once; other outputs are
 * left as esbuild wrote them. Checked on a made-up metafile, then on the real build.
 */
import { resolve } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { browserBuildOptions, withWholeGraphImports } from '../../scripts/browser-bundle.ts';

/** Outputs as esbuild's metafile names them (relative to the working directory). */
const out = (name: string) => `dist/b/${name}`;

const metafile = {
  inputs: {},
  outputs: {
    [out('program-worker.js')]: {
      imports: [
        { path: out('chunk-A.js'), kind: 'import-statement' },
        { path: './index.js', kind: 'import-statement', external: true },
      ],
    },
    [out('chunk-A.js')]: { imports: [{ path: out('chunk-B.js'), kind: 'import-statement' }] },
    [out('chunk-B.js')]: { imports: [{ path: out('chunk-A.js'), kind: 'import-statement' }] },
    [out('index.js')]: {
      imports: [
        { path: out('chunk-C.js'), kind: 'import-statement' },
        { path: out('chunk-lazy.js'), kind: 'dynamic-import' },
      ],
    },
    [out('chunk-C.js')]: { imports: [] },
    [out('chunk-lazy.js')]: { imports: [] },
  },
} as unknown as Metafile;

describe('the workers’ entries in the browser build', () => {
  it('import every module their static imports reach, before the source-map comment', () => {
    const text =
      'import "./chunk-A.js";\nimport "./index.js";\nrun();\n//# sourceMappingURL=program-worker.js.map\n';
    const flat = withWholeGraphImports(metafile, resolve(out('program-worker.js')), text);
    expect(flat).toBe(
      'import "./chunk-A.js";\nimport "./index.js";\nrun();\n' +
        'import "./chunk-B.js";\nimport "./chunk-C.js";\n' +
        '//# sourceMappingURL=program-worker.js.map\n',
    );
  });

  it('leave every other output as it is', () => {
    const text = 'export {};\n';
    expect(withWholeGraphImports(metafile, resolve(out('index.js')), text)).toBe(text);
    expect(withWholeGraphImports(metafile, resolve(out('chunk-A.js')), text)).toBe(text);
  });

  it('in the real build, name the whole runtime and nothing loaded lazily', async () => {
    const outdir = resolve('dist/browser-bundle-test');
    const { metafile: real, outputFiles } = await build({
      ...browserBuildOptions(outdir),
      write: false,
      metafile: true,
      sourcemap: false,
    });
    const text = (name: string) => outputFiles.find((f) => f.path === resolve(outdir, name))?.text ?? '';
    const named = (code: string) =>
      [...code.matchAll(/import\s*(?:[^"';]*?from\s*)?"\.\/([^"]+)"/g)].map((m) => m[1]);
    const index = text('index.js');
    const lazy = [...index.matchAll(/import\("\.\/([^"]+)"\)/g)].map((m) => m[1]);
    expect(lazy.length).toBeGreaterThan(0);
    for (const entry of ['program-worker.js', 'worker-host.js']) {
      const flat = withWholeGraphImports(real, resolve(outdir, entry), text(entry));
      const names = new Set(named(flat));
      // Everything index.js imports statically is named by the entry itself.
      for (const module of named(index)) expect(names, `${entry}: ${module}`).toContain(module);
      for (const module of lazy) expect(names.has(module ?? ''), `${entry}: lazy ${module}`).toBe(false);
    }
  });
});
