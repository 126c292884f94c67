/**
 * Known wrong answers of an exercise: `exercises/NN-slug/wrong/<mistake-slug>/` holds the
 * learner's file(s) as a plausible mistake, and `mistake.json` says what the learner did and
 * what the first failure must say: `{ "mistake": "...", "failureIncludes": "..." }`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface WrongAnswer {
  readonly slug: string;
  /** The variant that grades it: `wrong/<slug>`. */
  readonly variant: string;
  readonly dir: string;
  readonly mistake: string;
  readonly failureIncludes: string;
  /** The learner files it replaces (the others fall back to the solution's). */
  readonly files: readonly string[];
}

/** Reads an exercise's wrong answers; `problems` gets one line per malformed one (which is then left out). */
export function readWrongAnswers(exerciseDir: string, problems: string[] = []): WrongAnswer[] {
  const root = join(exerciseDir, 'wrong');
  if (!existsSync(root)) return [];
  const solutionFiles = existsSync(join(exerciseDir, 'solution'))
    ? readdirSync(join(exerciseDir, 'solution'))
    : [];
  const answers: WrongAnswer[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const where = `wrong/${entry.name}`;
    if (!entry.isDirectory()) {
      problems.push(`${where}: expected a folder per mistake, found a file`);
      continue;
    }
    if (!/^[a-z0-9][a-z0-9-]*$/.test(entry.name)) {
      problems.push(`${where}: name it in lower-case-with-dashes`);
      continue;
    }
    const dir = join(root, entry.name);
    const files = readdirSync(dir).filter((f) => f !== 'mistake.json');
    const strangers = files.filter((f) => !solutionFiles.includes(f));
    if (strangers.length) {
      problems.push(
        `${where}: ${strangers.join(', ')} not in solution/ (a wrong answer replaces learner files only)`,
      );
      continue;
    }
    if (files.length === 0) {
      problems.push(`${where}: holds no learner file`);
      continue;
    }
    let meta: unknown;
    try {
      meta = JSON.parse(readFileSync(join(dir, 'mistake.json'), 'utf8'));
    } catch (error) {
      problems.push(
        `${where}/mistake.json: missing or not JSON (${(error as Error).message.split('\n')[0]})`,
      );
      continue;
    }
    const { mistake, failureIncludes } = (meta ?? {}) as Record<string, unknown>;
    if (
      typeof mistake !== 'string' ||
      !mistake.trim() ||
      typeof failureIncludes !== 'string' ||
      !failureIncludes.trim()
    ) {
      problems.push(`${where}/mistake.json: needs non-empty strings "mistake" and "failureIncludes"`);
      continue;
    }
    answers.push({ slug: entry.name, variant: `wrong/${entry.name}`, dir, mistake, failureIncludes, files });
  }
  return answers;
}
