/**
 * The transfer check: an exercise must ask for something the lesson did not already write out.
 * The solution's lines that matter (trimmed; blank, comment, import and brace-only lines dropped)
 * and that the starter does not already have must not ALL appear in the lesson's `src/`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The lines of a source file that carry meaning, trimmed. */
export function meaningfulLines(source: string): string[] {
  const out: string[] = [];
  let inImport = false;
  let inBlockComment = false;
  for (const raw of source.split('\n')) {
    const line = raw.trim();
    if (inBlockComment) {
      if (line.includes('*/')) inBlockComment = false;
      continue;
    }
    if (line.startsWith('/*')) {
      if (!line.includes('*/')) inBlockComment = true;
      continue;
    }
    if (inImport) {
      if (/\bfrom\s+['"]/.test(line) || line.endsWith(';')) inImport = false;
      continue;
    }
    if (/^(import|export)\s.*\bfrom\s+['"]/.test(line) || /^import\s+['"]/.test(line)) continue;
    if (/^import\s/.test(line)) {
      inImport = true;
      continue;
    }
    if (!line || line.startsWith('//') || /^[\s{}()[\];,]*$/.test(line)) continue;
    out.push(line);
  }
  return out;
}

function tsFilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.[cm]?tsx?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

/**
 * The answer lines of an exercise (solution lines the starter lacks), and whether every one of
 * them is already in the lesson's `src/` (which fails the check).
 */
export function transferCheck(
  lessonDir: string,
  exerciseDir: string,
): { answer: string[]; copiedFromSrc: boolean } {
  const solutionDir = join(exerciseDir, 'solution');
  const answer: string[] = [];
  for (const name of existsSync(solutionDir) ? readdirSync(solutionDir) : []) {
    const starterPath = join(exerciseDir, name);
    const starter = new Set(
      existsSync(starterPath) ? meaningfulLines(readFileSync(starterPath, 'utf8')) : [],
    );
    for (const line of meaningfulLines(readFileSync(join(solutionDir, name), 'utf8')))
      if (!starter.has(line)) answer.push(line);
  }
  const src = new Set(
    tsFilesUnder(join(lessonDir, 'src')).flatMap((f) => meaningfulLines(readFileSync(f, 'utf8'))),
  );
  return { answer, copiedFromSrc: answer.length > 0 && answer.every((line) => src.has(line)) };
}
