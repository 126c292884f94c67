/**
 * The architecture rules (`.dependency-cruiser.cjs` at the repository root, run by
 * `npm run lint:arch`) catch what they promise: a small project that breaks each rule once is
 * refused with every rule named, and the same project without the breaches passes.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const repository = fileURLToPath(new URL('../../', import.meta.url));
const cruiser = join(repository, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const config = join(repository, '.dependency-cruiser.cjs');

/** A clean little project shaped like this repository: a runtime and a lesson using its door. */
const CLEAN: Record<string, string> = {
  'tsconfig.json': JSON.stringify({ compilerOptions: { allowImportingTsExtensions: true, noEmit: true } }),
  'runtime/package.json': JSON.stringify({
    name: '@steady/runtime',
    type: 'module',
    exports: { '.': './src/index.ts', './testing': './src/testing/index.ts' },
  }),
  'runtime/src/index.ts': "export { run } from './actor/run.ts';\n",
  'runtime/src/actor/run.ts': "import { ring } from '../channel/ring.ts';\nexport const run = () => ring;\n",
  'runtime/src/channel/ring.ts': 'export const ring = 1;\n',
  'runtime/src/testing/index.ts':
    "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
  'lessons/demo/main.ts': "import { run } from '@steady/runtime';\nexport const go = run;\n",
};

/** One breach per rule, keyed by the rule's name. */
const BREACHES: Record<string, Record<string, string>> = {
  'no-circular': {
    'runtime/src/channel/a.ts': "import { b } from './b.ts';\nexport const a = () => b;\n",
    'runtime/src/channel/b.ts': "import { a } from './a.ts';\nexport const b = () => a;\n",
  },
  'no-circular-between-folders': {
    'runtime/src/channel/uses-actor.ts': "import { run } from '../actor/run.ts';\nexport const x = run;\n",
  },
  'runtime-src-not-testing': {
    'runtime/src/actor/helper.ts': "import { read } from '../testing/index.ts';\nexport const h = read;\n",
  },
  'runtime-through-package-exports': {
    'lessons/demo/relative.ts': "import { run } from '../../runtime/src/index.ts';\nexport const r = run;\n",
  },
  'runtime-entry-points-only': {
    'lessons/demo/deep.ts':
      "import { ring } from '../../runtime/src/channel/ring.ts';\nexport const r = ring;\n",
  },
  'node-builtins-in-platform-layer': {
    'runtime/src/channel/clock.ts':
      "import { performance } from 'node:perf_hooks';\nexport const now = performance;\n",
  },
};

let project: string | undefined;
afterEach(() => {
  if (project) rmSync(project, { recursive: true, force: true });
  project = undefined;
});

function write(files: Record<string, string>): string {
  project = mkdtempSync(join(tmpdir(), 'steady-arch-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(project, path)), { recursive: true });
    writeFileSync(join(project, path), text);
  }
  // The lesson finds the runtime as a workspace package, like the lessons of this repository do.
  mkdirSync(join(project, 'node_modules/@steady'), { recursive: true });
  symlinkSync(join(project, 'runtime'), join(project, 'node_modules/@steady/runtime'), 'dir');
  return project;
}

function cruise(cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cruiser, 'runtime', 'lessons', '--config', config, '--output-type', 'err'],
      { cwd },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr }),
    );
  });
}

describe('architecture rules', () => {
  it('pass a project that keeps them', async () => {
    const { code, output } = await cruise(write(CLEAN));
    expect(output).toContain('no dependency violations found');
    expect(code).toBe(0);
  }, 180_000);

  it('refuse each breach, naming the rule it breaks', async () => {
    const breaches = Object.assign({}, ...Object.values(BREACHES)) as Record<string, string>;
    const { code, output } = await cruise(write({ ...CLEAN, ...breaches }));
    expect(code).not.toBe(0);
    for (const rule of Object.keys(BREACHES))
      expect(output, `the output names ${rule}`).toContain(`error ${rule}:`);
  }, 180_000);
});
