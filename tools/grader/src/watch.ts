/**
 * `npm test -- --watch`: grade, then grade again whenever a lesson file is saved, clearing the
 * screen each time so the table and the score are all there is to read.
 */
import { type FSWatcher, watch } from 'node:fs';
import { sep } from 'node:path';

/** Saves that should re-grade: TypeScript and Markdown under `exercises/` or `src/`, nothing generated. */
export function isGradedChange(relativePath: string): boolean {
  const parts = relativePath.split(sep).join('/').split('/');
  if (parts.some((p) => p === 'node_modules' || p.startsWith('.'))) return false;
  if (parts[0] !== 'exercises' && parts[0] !== 'src') return false;
  return /\.(ts|md|json)$/.test(relativePath);
}

/**
 * Runs `grade` now and after every graded change (saves that come together count once), until
 * the process is stopped. Returns the watcher, for tests to close.
 */
export function watchAndGrade(lessonDir: string, grade: () => Promise<string>, quietMs = 250): FSWatcher {
  let running = false;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const round = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      const text = await grade();
      console.clear();
      console.log(text);
    } catch (error) {
      console.clear();
      console.log(`grading failed: ${(error as Error).message}`);
    } finally {
      console.log('\nWatching for saves in exercises/ and src/ (Ctrl+C to stop)...');
      running = false;
      if (again) {
        again = false;
        void round();
      }
    }
  };
  const watcher = watch(lessonDir, { recursive: true }, (_event, file) => {
    if (!file || !isGradedChange(file.toString())) return;
    clearTimeout(timer);
    timer = setTimeout(() => void round(), quietMs);
  });
  void round();
  return watcher;
}
