/**
 * Small modules with one job: no file in `runtime/src` is over 400 lines. A module that grows
 * past that is doing more than its name says and is split; the failure lists every file over.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));
const MAX_LINES = 400;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Lines as `wc -l` counts them (a last line without its newline counts too). */
function lineCount(text: string): number {
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

it(`keeps every module of runtime/src at ${MAX_LINES} lines or fewer`, () => {
  const files = sourceFiles(SRC);
  expect(files.length).toBeGreaterThan(50);
  const over = files
    .map((file) => ({ file: relative(SRC, file), lines: lineCount(readFileSync(file, 'utf8')) }))
    .filter(({ lines }) => lines > MAX_LINES)
    .map(({ file, lines }) => `${file}: ${lines} lines`);
  expect(over, `split these modules (at most ${MAX_LINES} lines each):\n${over.join('\n')}`).toEqual([]);
});
