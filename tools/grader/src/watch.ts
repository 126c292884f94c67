/**
 * `npm test -- --watch`: grade, then grade again whenever a lesson file is saved, clearing the
 * screen each time so the table and the score are all there is to read.
 */
import { existsSync, type FSWatcher, watch } from 'node:fs';
import { join, sep } from 'node:path';

/** Saves that should re-grade: TypeScript and Markdown under `exercises/` or `src/`, nothing generated. */
export function isGradedChange(relativePath: string): boolean {
  const parts = relativePath.split(sep).join('/').split('/');
  if (parts.some((p) => p === 'node_modules' || p.startsWith('.'))) return false;
  if (parts[0] !== 'exercises' && parts[0] !== 'src') return false;
  return /\.(ts|md|json)$/.test(relativePath);
}

/** The folders whose saves re-grade; only these are watched (not node_modules, nor `.steady/`). */
const WATCHED = ['exercises', 'src'] as const;

/**
 * Runs `grade` now and after every graded change (saves that come together count once), until
 * the process is stopped. Returns what stops watching, for tests.
 */
export function watchAndGrade(lessonDir: string, grade: () => Promise<string>, quietMs = 250): () => void {
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
  const watchFolder = (folder: string): FSWatcher =>
    watch(join(lessonDir, folder), { recursive: true }, (_event, file) => {
      if (!file || !isGradedChange(join(folder, file.toString()))) return;
      clearTimeout(timer);
      timer = setTimeout(() => void round(), quietMs);
    }).on('error', (error: NodeJS.ErrnoException) => {
      // Node's recursive watch on Linux can report a file or folder that vanished while it looked
      // (an editor's swap file, say) as an error (nodejs/node#52018, #53350); the watch goes on.
      if (error.code !== 'ENOENT') console.error(`watching ${folder}/ for saves failed: ${error.message}`);
    });
  const watchers = WATCHED.filter((folder) => existsSync(join(lessonDir, folder))).map(watchFolder);
  void round();
  return () => {
    clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
  };
}
