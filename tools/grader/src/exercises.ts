/** Finds a lesson's exercises on disk: `exercises/NN-slug/` with a README whose first heading is the title. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ExerciseInfo {
  readonly id: string;
  readonly title: string;
  readonly dir: string;
}

export function listExercises(lessonDir: string): ExerciseInfo[] {
  const root = join(lessonDir, 'exercises');
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^\d+-/.test(entry.name))
    .map((entry) => entry.name)
    .sort()
    .map((id) => {
      const dir = join(root, id);
      return { id, dir, title: readTitle(join(dir, 'README.md')) ?? id };
    });
}

function readTitle(readme: string): string | undefined {
  if (!existsSync(readme)) return undefined;
  const heading = readFileSync(readme, 'utf8')
    .split('\n')
    .find((line) => line.startsWith('# '));
  return heading?.slice(2).trim();
}
