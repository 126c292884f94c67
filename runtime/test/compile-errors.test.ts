/**
 * `@steady/runtime/compile-errors` (each lesson's `npm start` loads it first): a file that does not
 * compile is reported as the compiler's message, with its line and a caret, and exit code 1;
 * any other error keeps Node's own report.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runProgram } from '../src/bench/index.ts';
import { describeCompileError } from '../src/cli/compile-errors.ts';

/** An error as tsx hands it over from its loader thread: esbuild's message, its `errors` lost. */
function transformError(message: string): Error {
  const error = new Error(message);
  error.name = 'TransformError';
  return error;
}

describe('describeCompileError', () => {
  const lines: Record<string, string[]> = {
    '/course/lesson/src/args.ts': ['', '', 'export const x = (;'],
    '/course/lesson/src/actor/tabbed.ts': ['\tconst y = ;'],
  };
  const readLine = (file: string, line: number) => lines[file]?.[line - 1];

  it('gives each error as file:line:column: message, the line, and a caret under the column', () => {
    const error = transformError(
      'Transform failed with 2 errors:\n' +
        '/course/lesson/src/args.ts:3:18: ERROR: Unexpected ";"\n' +
        '/course/lesson/src/actor/tabbed.ts:1:11: ERROR: Unexpected ";"',
    );
    expect(describeCompileError(error, '/course/lesson', readLine)).toBe(
      'src/args.ts:3:18: Unexpected ";"\n' +
        '  export const x = (;\n' +
        `  ${' '.repeat(18)}^\n` +
        'src/actor/tabbed.ts:1:11: Unexpected ";"\n' +
        '  \tconst y = ;\n' +
        `  \t${' '.repeat(10)}^\n`,
    );
  });

  it('gives the message alone when the file cannot be read', () => {
    const error = transformError('Transform failed with 1 error:\n/elsewhere/x.ts:2:0: ERROR: Expected ")"');
    expect(describeCompileError(error, '/course/lesson', () => undefined)).toBe(
      '../../elsewhere/x.ts:2:0: Expected ")"\n',
    );
  });

  it('leaves every other error to Node', () => {
    expect(
      describeCompileError(new SyntaxError('The requested module does not provide'), '/'),
    ).toBeUndefined();
    expect(describeCompileError(new Error('boom'), '/')).toBeUndefined();
    expect(describeCompileError('a string', '/')).toBeUndefined();
    expect(describeCompileError(transformError('Transform failed, no location'), '/')).toBeUndefined();
  });
});

describe('a program run with --import @steady/runtime/compile-errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'steady-compile-errors-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const loaders = [
    '--import',
    import.meta.resolve('tsx'),
    '--import',
    fileURLToPath(new URL('../src/cli/report-compile-errors.ts', import.meta.url)),
  ];

  it('that does not compile: the compiler message, exit code 1, none of esbuild’s stack', async () => {
    writeFileSync(join(dir, 'broken.ts'), 'const fine = 1;\nexport const x = (;\n');
    const run = await runProgram(process.execPath, [...loaders, 'broken.ts'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`broken.ts:2:18: Unexpected ";"\n  export const x = (;\n  ${' '.repeat(18)}^\n`);
  }, 30_000);

  it('that throws: Node’s own report, unchanged', async () => {
    writeFileSync(join(dir, 'throws.ts'), 'throw new Error("boom");\n');
    const run = await runProgram(process.execPath, [...loaders, 'throws.ts'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Error: boom');
    expect(run.stderr).toContain('Node.js v');
  }, 30_000);
});
