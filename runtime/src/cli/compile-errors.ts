/**
 * A lesson program that does not compile, reported as the compiler's message. tsx compiles each
 * file as it is loaded; a syntax error stops the load with esbuild's `TransformError`, which Node
 * prints with the transformer's own stack (a dozen lines of esbuild internals, nothing of the
 * learner's). Loaded before the program (`tsx --import @steady/runtime/compile-errors src/main.ts`,
 * the lessons' `npm start`), this prints each error as `file:line:column: message` with the line
 * and a caret, as the browser engine does, and ends the program with exit code 1. Every other
 * error keeps Node's own report: this only watches (`uncaughtExceptionMonitor`).
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

/** One line of esbuild's message: `<file>:<line>:<column>: ERROR: <text>` (column from 0). */
const COMPILER_ERROR = /^(.+?):(\d+):(\d+): ERROR: (.*)$/;

/** The source line `line` (from 1) of `file`, or undefined when it cannot be read. */
function sourceLine(file: string, line: number): string | undefined {
  try {
    return readFileSync(file, 'utf8').split(/\r?\n/)[line - 1];
  } catch {
    return undefined;
  }
}

/** Blanks as wide as the first `column` characters of `source` (its tabs kept, so the caret lines up). */
function underTheColumn(source: string, column: number): string {
  return source.slice(0, column).replace(/[^\t]/g, ' ');
}

/**
 * The compiler's messages in `error`, one block per error with the file relative to `cwd`; undefined
 * when `error` is not a compile error (then Node's report stands).
 */
export function describeCompileError(
  error: unknown,
  cwd: string,
  readLine: (file: string, line: number) => string | undefined = sourceLine,
): string | undefined {
  if (!(error instanceof Error) || error.name !== 'TransformError') return undefined;
  const blocks: string[] = [];
  for (const text of error.message.split('\n')) {
    const found = COMPILER_ERROR.exec(text);
    if (!found) continue;
    const [, file = '', line = '0', column = '0', reason = ''] = found;
    const shown = relative(cwd, file) || file;
    const source = readLine(file, Number(line));
    blocks.push(
      source === undefined
        ? `${shown}:${line}:${column}: ${reason}\n`
        : `${shown}:${line}:${column}: ${reason}\n  ${source}\n  ${underTheColumn(source, Number(column))}^\n`,
    );
  }
  return blocks.length > 0 ? blocks.join('') : undefined;
}

/** Watches for uncaught compile errors in this process (see above). */
export function reportCompileErrors(): void {
  process.on('uncaughtExceptionMonitor', (error) => {
    const description = describeCompileError(error, process.cwd());
    if (description === undefined) return;
    process.stderr.write(description);
    process.exit(1); // before Node prints the transformer's stack
  });
}
