/**
 * The lessons the page hands the Service Worker (`vfs-message.ts`), served under `/steady/vfs/` as
 * modules compiled from TypeScript, bare imports pointed at the site's bundles. A lesson's files
 * live in memory, and as one entry in Cache Storage, so that a worker restarted mid-run (browsers
 * stop idle ones) still serves them: one entry, because each `cache.put` costs this thread a few
 * milliseconds, and a first Run's files, one entry each, took 140 ms of it while the program
 * worker waited for its modules. Only what a Run or Test needs is compiled before the answer
 * (`module-graph.ts`); other files when something asks for them.
 */
/// <reference lib="webworker" />
import { compileReachable } from './module-graph.ts';
import { type CompiledModule, compileModule, throwingModule } from './module-source.ts';
import { type ModuleSwap, parseSwap, swapImports } from './module-swap.ts';
import { javascript, plainText } from './sw-responses.ts';
import { VFS_BASE } from './urls.ts';
import { solutionImports } from './variant.ts';
import { checkVfsMessage, type VfsWrite } from './vfs-message.ts';

declare const self: ServiceWorkerGlobalScope;

const LESSONS_CACHE = 'steady-lessons';
/** Where earlier versions kept lessons (one entry per file): deleted when this worker activates. */
export const FORMER_LESSON_CACHES = ['steady-vfs'];

interface Lesson {
  readonly variant: VfsWrite['variant'];
  readonly files: Readonly<Record<string, string>>;
  /** Which solution files exist (the `solution` variant's imports depend on it); '' otherwise. */
  readonly layout: string;
  /** Whether Cache Storage holds these files: a write of the same files then stores nothing. */
  stored: boolean;
}

/** Each lesson as last written (or read back from Cache Storage after a restart). */
const lessons = new Map<string, Lesson>();

/**
 * Compiled modules by what they are made of: the variant, the lesson's layout, the path and the
 * source. A file the learner did not change since the last Run is not compiled again. Bounded:
 * cleared when it grows past what a few lessons' edits make.
 */
const compiledBySource = new Map<string, Promise<CompiledModule>>();
const MAX_COMPILED = 2000;

/** The modules of each lesson's current files, by `lesson/path` (and `?swap=…`), once asked for. */
const modules = new Map<string, Promise<CompiledModule>>();

function lessonOf(variant: VfsWrite['variant'], files: Readonly<Record<string, string>>): Lesson {
  const layout = variant === 'solution' ? Object.keys(files).sort().join('\n') : '';
  return { variant, files, layout, stored: false };
}

const has = (lesson: Lesson, path: string) => Object.hasOwn(lesson.files, path);

const sourceKey = (lesson: Lesson, path: string) =>
  `${lesson.variant}\u0000${lesson.layout}\u0000${path}\u0000${lesson.files[path] ?? ''}`;

/** The Cache Storage key of a lesson's files (not a lesson file's URL: it has no path in the lesson). */
const storageKey = (id: string) => `${self.location.origin}${VFS_BASE}${id}`;

function sameFiles(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every((path) => Object.hasOwn(b, path) && a[path] === b[path])
  );
}

/**
 * Keeps a lesson's files and compiles the modules the Run or Test needs (its entries and what they
 * import; from the cache of compiled modules when a source is unchanged, or as the build compiled
 * them), returning their compile errors: a module that does not compile cannot even be linked, so
 * its importer would only say "no export named …". Writes of one lesson must take turns.
 */
export async function writeLesson({
  lesson: id,
  files,
  variant,
  entries,
  compiled,
}: VfsWrite): Promise<string[]> {
  const before = lessons.get(id);
  const lesson = lessonOf(variant, files);
  lessons.set(id, lesson);
  for (const key of modules.keys()) if (key.startsWith(`${id}/`)) modules.delete(key);
  if (compiledBySource.size > MAX_COMPILED) compiledBySource.clear();
  // The build compiled these as this worker would (no variant to apply).
  if (variant === 'working')
    for (const [path, code] of Object.entries(compiled ?? {}))
      if (!compiledBySource.has(sourceKey(lesson, path)))
        compiledBySource.set(sourceKey(lesson, path), Promise.resolve({ code }));
  // Stored while the modules compile: compiling needs only the sources, which are here.
  const unchanged = before?.stored && before.variant === variant && sameFiles(before.files, files);
  const stored = unchanged
    ? Promise.resolve()
    : caches
        .open(LESSONS_CACHE)
        .then((cache) => cache.put(storageKey(id), new Response(JSON.stringify({ variant, files }))));
  const errors = await compileReachable(
    entries ?? Object.keys(files),
    (path) => path.endsWith('.ts') && has(lesson, path),
    (path) => moduleOf(id, lesson, path),
  );
  await stored;
  lesson.stored = true;
  return errors;
}

/** A lesson's files as Cache Storage kept them, when this worker was restarted since they were written. */
async function restoredLesson(id: string): Promise<Lesson | undefined> {
  const entry = await (await caches.open(LESSONS_CACHE)).match(storageKey(id));
  if (!entry) return undefined;
  let kept: unknown;
  try {
    kept = JSON.parse(await entry.text());
  } catch {
    return undefined;
  }
  const { variant, files } = (kept ?? {}) as Partial<VfsWrite>;
  const checked = checkVfsMessage({ type: 'vfs-write', lesson: id, files, variant });
  if (typeof checked === 'string' || checked.type !== 'vfs-write') return undefined;
  // A write meanwhile wins: it is newer.
  const lesson = lessons.get(id) ?? { ...lessonOf(checked.variant, checked.files), stored: true };
  lessons.set(id, lesson);
  return lesson;
}

/**
 * A task of its own, soon: a message, not a timer (Chromium makes a timer set from a timer's
 * callback wait at least 4 ms after five levels, and compiles follow one another).
 */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(undefined);
  });
}

/** A compiled module of `lesson` (remembered only while `lesson` is the lesson's current content). */
function remembered(id: string, lesson: Lesson, key: string, make: () => Promise<CompiledModule>) {
  let module = modules.get(key);
  if (module && lessons.get(id) === lesson) return module;
  module = make();
  if (lessons.get(id) === lesson) modules.set(key, module);
  return module;
}

function moduleOf(id: string, lesson: Lesson, path: string): Promise<CompiledModule> {
  return remembered(id, lesson, `${id}/${path}`, () => {
    const key = sourceKey(lesson, path);
    let module = compiledBySource.get(key);
    if (!module) {
      module = (async () => {
        // A compile is work of this worker's one thread (sucrase's first ones, cold, take 50-150
        // ms): in a task of its own, the fetches waiting meanwhile (the program worker's script and
        // the runtime) are answered first.
        await nextTask();
        const map = lesson.variant === 'solution' ? solutionImports(path, (p) => has(lesson, p)) : undefined;
        return compileModule(lesson.files[path] ?? '', path, map);
      })();
      compiledBySource.set(key, module);
    }
    return module;
  });
}

/** A module of a graph with one module swapped (a learner-written test graded against a stand-in). */
function swappedModule(id: string, lesson: Lesson, path: string, swap: ModuleSwap, search: string) {
  return remembered(id, lesson, `${id}/${path}${search}`, () =>
    compileModule(lesson.files[path] ?? '', path, swapImports(`${VFS_BASE}${id}/`, path, swap)),
  );
}

export async function serveLessonFile(url: URL): Promise<Response> {
  const swap = parseSwap(url.searchParams);
  if (swap === 'invalid') return javascript(throwingModule(`Invalid module swap in ${url.search}`), 400);
  const rest = decodeURIComponent(url.pathname.slice(VFS_BASE.length));
  const slash = rest.indexOf('/');
  const id = rest.slice(0, Math.max(slash, 0));
  const path = rest.slice(slash + 1);
  const lesson = slash > 0 ? (lessons.get(id) ?? (await restoredLesson(id))) : undefined;
  if (!lesson || !has(lesson, path))
    return javascript(throwingModule(`Cannot find module '${path}' in the lesson`), 404);
  if (!path.endsWith('.ts')) return plainText(lesson.files[path] ?? '');
  const module = swap ? swappedModule(id, lesson, path, swap, url.search) : moduleOf(id, lesson, path);
  return javascript((await module).code);
}
