/**
 * Where the JavaScript compiled for actor threads is kept (thread-code.ts): one folder per user
 * under the system's temporary directory, each build in a folder named by its content, so that
 * processes running the same code share it (a test suite starts hundreds) and a process that is
 * killed leaves nothing of its own behind. Folders and records unused for a day are removed
 * (looked for at most once an hour).
 *
 * Beside the builds, a record per set of entry modules says which build they had last and which
 * sources it read, with their modification times: a process that finds every source unchanged
 * takes that build as it is, without compiling anything. The record also keeps what the compiler
 * learnt of the build's modules (opaque here), so that a process that finds some sources changed
 * can compile only those (thread-code.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync, statSync, utimesSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A finished build: where the thread host and each actor module (by source URL) are as JavaScript. */
export interface ThreadCode {
  readonly hostUrl: string;
  readonly modules: Readonly<Record<string, string>>;
}

/** Source path → its stamp (`stampOf`) when the build read it. */
export type Inputs = Map<string, string>;

/**
 * A source's modification time and size: file times are coarse (a few ms on Linux), so two saves
 * in a row may share one; the size then usually tells them apart.
 */
export function stampOf(stats: { mtimeMs: number; size: number }): string {
  return `${stats.mtimeMs}:${stats.size}`;
}

/** A build, the sources it read, and what the compiler noted of its graph (opaque here). */
export interface Build {
  readonly code: ThreadCode;
  readonly inputs: Inputs;
  readonly graph?: unknown;
}

/** A compiled file, its path under BUILD_DIR. */
export interface CompiledFile {
  readonly path: string;
  readonly contents: Uint8Array;
}

const ROOT = join(tmpdir(), `steady-threads-${process.getuid?.() ?? 'user'}`);
/**
 * Where esbuild is told it writes: a sibling of the final folders, so that the relative paths in
 * the source maps stay right once the files are in their folder.
 */
export const BUILD_DIR = join(ROOT, 'build');
const RECORDS = join(ROOT, 'records');
const UNUSED_FOR_MS = 24 * 60 * 60 * 1000;
/**
 * A sweep for unused builds looks at every build and record kept (a day of test runs leaves
 * a thousand or more: 140 ms of `stat`s), so it runs at most once an hour, which this file's
 * modification time says.
 */
export const SWEPT = join(ROOT, '.swept');
const SWEEP_EVERY_MS = 60 * 60 * 1000;
/** Part of every record's name: a change to how modules are compiled must not find old builds. */
const COMPILED_FORM = 'one file per module, v2';

/** Writes the files of a build to the folder named by their content, unless it is there already. */
export async function store(files: readonly CompiledFile[]): Promise<string> {
  const hash = createHash('sha256');
  // In path order: the compiler hands the files of many entry points over in no fixed order.
  const ordered = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const file of ordered) hash.update(relative(BUILD_DIR, file.path)).update(file.contents);
  const folder = join(ROOT, hash.digest('hex').slice(0, 20));
  if (existsSync(folder)) {
    touch(folder);
    return folder;
  }
  await mkdir(ROOT, { recursive: true });
  await sweepIfDue();
  // Written aside, then renamed: another process never sees a folder half written.
  const staging = await mkdtemp(join(ROOT, '.staging-'));
  const paths = files.map((file) => join(staging, relative(BUILD_DIR, file.path)));
  for (const dir of new Set(paths.map((path) => dirname(path)))) await mkdir(dir, { recursive: true });
  await Promise.all(files.map((file, i) => writeFile(paths[i] as string, file.contents)));
  // Another process that stored the same build first wins: ours is the same, and goes.
  await rename(staging, folder).catch(() => rm(staging, { recursive: true, force: true }));
  return folder;
}

/** In use: not to be removed as unused. */
function touch(path: string): void {
  const now = new Date();
  utimesSync(path, now, now);
}

/** Removes what went unused for a day, unless a sweep ran within the hour. */
async function sweepIfDue(): Promise<void> {
  const last = await stat(SWEPT).then(
    (s) => s.mtimeMs,
    () => 0,
  );
  if (Date.now() - last < SWEEP_EVERY_MS) return;
  // Stamped first: processes that store builds at the same moment do not all sweep.
  await writeFile(SWEPT, '');
  await removeUnused();
}

/** Removes the builds, and the records, that no process used for a day. */
async function removeUnused(): Promise<void> {
  const unused = async (path: string) =>
    stat(path).then(
      (s) => Date.now() - s.mtimeMs > UNUSED_FOR_MS,
      () => false,
    );
  for (const name of await readdir(ROOT)) {
    const path = join(ROOT, name);
    if (path === RECORDS) {
      for (const record of await readdir(RECORDS).catch(() => []))
        if (await unused(join(RECORDS, record))) await rm(join(RECORDS, record), { force: true });
    } else if (await unused(path)) await rm(path, { recursive: true, force: true });
  }
}

/** Where the record for `key` (the entry modules) is; exported for the tests. */
export function recordPath(key: string): string {
  const name = createHash('sha256').update(`${process.version}\n${COMPILED_FORM}\n${key}`).digest('hex');
  return join(RECORDS, `${name.slice(0, 24)}.json`);
}

interface RecordFile {
  readonly code: ThreadCode;
  readonly inputs: [string, string][];
  readonly graph?: unknown;
}

/** A record as this module writes it; anything else (another version's, a damaged one) is not taken. */
function isRecord(value: unknown): value is RecordFile {
  const record = value as Partial<RecordFile> | null;
  return (
    typeof record?.code?.hostUrl === 'string' &&
    typeof record.code.modules === 'object' &&
    record.code.modules !== null &&
    Object.values(record.code.modules).every((url) => typeof url === 'string') &&
    Array.isArray(record.inputs) &&
    record.inputs.every(
      (entry) => Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'string',
    )
  );
}

/** The files of `inputs` whose stamp changed, with their stamps now; undefined when one is gone. */
export function changedInputs(inputs: Inputs): Inputs | undefined {
  const changed: Inputs = new Map();
  try {
    for (const [path, stamp] of inputs) {
      const now = stampOf(statSync(path));
      if (now !== stamp) changed.set(path, now);
    }
    return changed;
  } catch {
    return undefined; // a source was removed
  }
}

/** Whether every file of `inputs` still has the stamp it had. */
export function isFresh(inputs: Inputs): boolean {
  return changedInputs(inputs)?.size === 0;
}

/** The folder a build's files are in (the first folder under ROOT of its host's path). */
function folderOf(code: ThreadCode): string {
  return join(ROOT, relative(ROOT, fileURLToPath(code.hostUrl)).split(sep)[0] ?? '');
}

/**
 * The build last recorded for `key` (the entry modules), fresh or not, if its folder is still
 * there; undefined when there is no record to be read.
 */
export async function lastRecordedBuild(key: string): Promise<Build | undefined> {
  try {
    const path = recordPath(key);
    const record: unknown = JSON.parse(await readFile(path, 'utf8'));
    if (!isRecord(record) || !existsSync(fileURLToPath(record.code.hostUrl))) return undefined;
    return { code: record.code, inputs: new Map(record.inputs), graph: record.graph };
  } catch {
    return undefined; // none yet: compile
  }
}

/** Marks the build recorded for `key` as used: a sweep leaves it for another day. */
export function markUsed(key: string, code: ThreadCode): void {
  try {
    touch(folderOf(code));
    touch(recordPath(key));
  } catch {
    // swept meanwhile: the next process compiles again
  }
}

/** The build last recorded for `key`, if none of the files it read changed (and marks it used). */
export async function recordedBuild(key: string): Promise<Build | undefined> {
  const build = await lastRecordedBuild(key);
  if (!build || !isFresh(build.inputs)) return undefined;
  markUsed(key, build.code);
  return build;
}

/**
 * The files at `paths` (under BUILD_DIR, as a build names them) of the stored `code`, read from
 * its folder; undefined when one is gone.
 */
export async function storedFiles(
  code: ThreadCode,
  paths: readonly string[],
): Promise<CompiledFile[] | undefined> {
  const folder = folderOf(code);
  try {
    return await Promise.all(
      paths.map(async (path) => ({
        path,
        contents: await readFile(join(folder, relative(BUILD_DIR, path))),
      })),
    );
  } catch {
    return undefined;
  }
}

/** Records `code` as the build for `key`; a record that cannot be written is only a lost shortcut. */
export async function recordBuild(
  key: string,
  code: ThreadCode,
  inputs: Inputs,
  graph?: unknown,
): Promise<void> {
  const record: RecordFile = { code, inputs: [...inputs], graph };
  try {
    await mkdir(RECORDS, { recursive: true });
    const path = recordPath(key);
    const staging = `${path}.${process.pid}.tmp`;
    await writeFile(staging, JSON.stringify(record));
    await rename(staging, path); // whole or not at all, for a process reading it meanwhile
  } catch {
    // the next process compiles again
  }
}
