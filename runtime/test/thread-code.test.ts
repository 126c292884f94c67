/**
 * The JavaScript the main thread compiles for a graph's actor threads on Node (thread-code.ts):
 * run here in plain worker threads, with no TypeScript loader, as the runtime's threads run it.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { describeRun, moduleProcessArgs, runProgram } from '../src/bench/index.ts';
import { threadCode } from '../src/platform/node/thread-code.ts';
import { graphFromJson, graphToJson } from '../src/platform/node/thread-code-compile.ts';
import { recordedBuild, recordPath, SWEPT } from '../src/platform/node/thread-code-store.ts';
import { prepareNodeThreads, spawnNodeThread } from '../src/platform/node/threads.ts';

/** esbuild's `build` as the compiler calls it, watched: each call's options are kept. */
const builds = vi.hoisted(() => [] as { entryPoints: string[]; bundle: boolean }[]);
vi.mock('esbuild', async (importOriginal) => {
  const esbuild = await importOriginal<typeof import('esbuild')>();
  return {
    ...esbuild,
    build: (options: import('esbuild').BuildOptions) => {
      builds.push({ entryPoints: [...(options.entryPoints as string[])], bundle: options.bundle === true });
      return esbuild.build(options);
    },
  };
});

let folder: string;
const url = (name: string) => pathToFileURL(join(folder, name)).href;

/** Imports the compiled modules at `urls` in a new worker thread; resolves to what `probe` returns there. */
function inThread(urls: readonly string[], probe: string): Promise<unknown> {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    process.setSourceMapsEnabled(true);
    Promise.all(workerData.urls.map((u) => import(u)))
      .then((modules) => (${probe})(modules))
      .then((result) => parentPort.postMessage({ result }), (error) => parentPort.postMessage({ error: String(error.stack) }));`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData: { urls } });
    worker.once('message', (message: { result?: unknown; error?: string }) => {
      void worker.terminate();
      if (message.error) reject(new Error(message.error));
      else resolve(message.result);
    });
    worker.once('error', reject);
  });
}

beforeAll(() => {
  // Inside the package (in its ignored .cache), so that the modules can import its dependencies.
  const cache = fileURLToPath(new URL('../.cache/', import.meta.url));
  mkdirSync(cache, { recursive: true });
  folder = mkdtempSync(join(cache, 'thread-code-test-'));
  writeFileSync(
    join(folder, 'shared.ts'),
    'export const registry: string[] = [];\nexport const version = 1;\n',
  );
  writeFileSync(
    join(folder, 'host.ts'),
    "import { registry } from './shared.ts';\nexport const hostRegistry = registry;\nexport const hostUrl: string = import.meta.url;\n",
  );
  writeFileSync(
    join(folder, 'actor.ts'),
    [
      "import { dequal } from 'dequal';",
      "import { registry, version } from './shared.ts';",
      'export const actorRegistry = registry;',
      'export const where = { url: import.meta.url, dirname: import.meta.dirname, filename: import.meta.filename };',
      "export const resolved = { dequal: import.meta.resolve('dequal'), shared: import.meta.resolve('./shared.ts') };",
      'export const equal = (a: unknown, b: unknown): boolean => dequal(a, b);',
      'export const sharedVersion = (): number => version;',
      'export function fail(): never {',
      "  throw new Error('failed on purpose');",
      '}',
      '',
    ].join('\n'),
  );
  writeFileSync(join(folder, 'broken.ts'), 'export const x = ;\n');
  writeFileSync(
    join(folder, 'legacy.cjs'),
    "module.exports = { platform: require('node:os').platform() };\n",
  );
  writeFileSync(
    join(folder, 'uses-legacy.ts'),
    "import legacy from './legacy.cjs';\nexport const platform = legacy.platform;\n",
  );
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('thread code', () => {
  it('compiles the host and each actor module to JavaScript sharing one instance of what both import', async () => {
    const code = await threadCode(url('host.ts'), [url('actor.ts')]);
    expect(code?.hostUrl).toMatch(/^file:.*\.js$/);
    expect(Object.keys(code?.modules ?? {}).sort()).toEqual([url('actor.ts'), url('host.ts')]);
    const sameRegistry = await inThread(
      [code!.hostUrl, code!.modules[url('actor.ts')]!],
      '([host, actor]) => host.hostRegistry === actor.actorRegistry',
    );
    expect(sameRegistry).toBe(true);
  });

  it("keeps each module's import.meta.url, dirname and filename those of its source file", async () => {
    const code = await threadCode(url('host.ts'), [url('actor.ts')]);
    const where = await inThread([code!.modules[url('actor.ts')]!], '([actor]) => actor.where');
    expect(where).toEqual({
      url: url('actor.ts'),
      dirname: folder,
      filename: fileURLToPath(url('actor.ts')),
    });
  });

  it('resolves import.meta.resolve of a literal specifier from the source file, as Node would there', async () => {
    const code = await threadCode(url('host.ts'), [url('actor.ts')]);
    const resolved = await inThread([code!.modules[url('actor.ts')]!], '([actor]) => actor.resolved');
    expect(resolved).toEqual({ dequal: import.meta.resolve('dequal'), shared: url('shared.ts') });
  });

  it('imports installed packages from node_modules instead of bundling them', async () => {
    const code = await threadCode(url('host.ts'), [url('actor.ts')]);
    const compiled = await readFile(fileURLToPath(code!.modules[url('actor.ts')]!), 'utf8');
    expect(compiled).toMatch(/from "file:\/\/\/.*\/node_modules\/dequal\//);
    const equal = await inThread(
      [code!.modules[url('actor.ts')]!],
      '([actor]) => actor.equal({ a: [1] }, { a: [1] })',
    );
    expect(equal).toBe(true);
  });

  it('maps stack traces back to the TypeScript source', async () => {
    const code = await threadCode(url('host.ts'), [url('actor.ts')]);
    const stack = await inThread(
      [code!.modules[url('actor.ts')]!],
      '([actor]) => { try { actor.fail(); } catch (error) { return error.stack; } }',
    );
    expect(stack).toContain(`${join(folder, 'actor.ts')}:9:9`);
  });

  it('reuses a build while its sources are unchanged, rebuilds when one changes, and stores builds by content', async () => {
    const first = await threadCode(url('host.ts'), [url('actor.ts')]);
    expect((await threadCode(url('host.ts'), [url('actor.ts')]))?.hostUrl).toBe(first?.hostUrl);
    const shared = join(folder, 'shared.ts');
    writeFileSync(shared, 'export const registry: string[] = [];\nexport const version = 2;\n');
    const later = new Date(Date.now() + 5_000);
    utimesSync(shared, later, later);
    const second = await threadCode(url('host.ts'), [url('actor.ts')]);
    expect(second?.hostUrl).not.toBe(first?.hostUrl);
    const version = await inThread([second!.modules[url('actor.ts')]!], '([actor]) => actor.sharedVersion()');
    expect(version).toBe(2);
    // Builds are stored by content: the sources as they were give the first build's files back.
    writeFileSync(shared, 'export const registry: string[] = [];\nexport const version = 1;\n');
    const latest = new Date(Date.now() + 10_000);
    utimesSync(shared, latest, latest);
    expect((await threadCode(url('host.ts'), [url('actor.ts')]))?.hostUrl).toBe(first?.hostUrl);
  });

  it("keeps each module's top-level declarations as written (a bundle would make every const a var)", async () => {
    // V8 folds a module's constant into the code that reads it, but reloads and checks a var at
    // every read: lesson 04's table of FizzBuzz codes, read once per message, cost its graph a fifth.
    const code = await threadCode(url('host.ts'), [url('actor.ts')]);
    const shared = fileURLToPath(new URL('./shared.js', code!.modules[url('actor.ts')]));
    const compiled = await readFile(shared, 'utf8');
    expect(compiled).toMatch(/^const registry = \[\];$/m);
    expect(compiled).toMatch(/^const version = 1;$/m);
  });

  it('records each build with the files it read, for the next process to take as long as none changed', async () => {
    const code = await threadCode(url('host.ts'), [url('actor.ts')]);
    const key = [url('actor.ts'), url('host.ts')].join('\n');
    const taken = await recordedBuild(key);
    expect(taken?.code).toEqual(code);
    const read = [...(taken?.inputs.keys() ?? [])];
    expect(read).toEqual(
      expect.arrayContaining([join(folder, 'actor.ts'), join(folder, 'shared.ts'), join(folder, 'host.ts')]),
    );
    // The installed package's file too: its compiled import names that file.
    expect(read.some((path) => /[/\\]node_modules[/\\]dequal[/\\]/.test(path))).toBe(true);
    // A source saved again (a new modification time): the record is not taken.
    const later = new Date(Date.now() + 20_000);
    utimesSync(join(folder, 'host.ts'), later, later);
    await expect(recordedBuild(key)).resolves.toBeUndefined();
    await expect(recordedBuild('file:///nothing/recorded.ts')).resolves.toBeUndefined();
  });

  it('marks a build taken from its record as used, so that a sweep keeps it while processes use it', async () => {
    const code = await threadCode(url('host.ts'), [url('actor.ts')]);
    const key = [url('actor.ts'), url('host.ts')].join('\n');
    const root = dirname(SWEPT); // the store's folder: a build is a folder in it
    const buildFolder = join(root, relative(root, fileURLToPath(code!.hostUrl)).split(sep)[0]!);
    const old = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    utimesSync(buildFolder, old, old);
    utimesSync(recordPath(key), old, old);
    vi.resetModules(); // another process: no memory of this one's builds
    const fresh = await import('../src/platform/node/thread-code.ts');
    expect((await fresh.threadCode(url('host.ts'), [url('actor.ts')]))?.hostUrl).toBe(code?.hostUrl);
    const recent = Date.now() - 60_000;
    expect(statSync(buildFolder).mtimeMs).toBeGreaterThan(recent);
    expect(statSync(recordPath(key)).mtimeMs).toBeGreaterThan(recent);
  });

  it('does not take a record it cannot read as its own, and removes records unused for a day', async () => {
    const key = url('never-built.ts');
    const damaged = recordPath(key);
    mkdirSync(dirname(damaged), { recursive: true });
    writeFileSync(damaged, JSON.stringify({ code: { hostUrl: 42 }, inputs: 'none' }));
    await expect(recordedBuild(key)).resolves.toBeUndefined();
    const old = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    utimesSync(damaged, old, old);
    // The last sweep was over an hour ago (one runs at most once an hour).
    writeFileSync(SWEPT, '');
    utimesSync(SWEPT, old, old);
    // A new build is stored (its sources are new): the store then removes what went unused.
    writeFileSync(join(folder, 'fresh-actor.ts'), `export const made = ${Date.now()};\n`);
    expect(await threadCode(url('host.ts'), [url('fresh-actor.ts')])).toBeDefined();
    expect(existsSync(damaged)).toBe(false);
    // Swept now: the next build within the hour does not look again.
    writeFileSync(damaged, '{}');
    utimesSync(damaged, old, old);
    writeFileSync(join(folder, 'fresh-actor.ts'), `export const made = ${Date.now()}; // and again\n`);
    expect(await threadCode(url('host.ts'), [url('fresh-actor.ts')])).toBeDefined();
    expect(existsSync(damaged)).toBe(true);
  });

  it('gives no code for a module that does not compile (its threads then load the sources with tsx)', async () => {
    await expect(threadCode(url('host.ts'), [url('broken.ts')])).resolves.toBeUndefined();
  });

  it('does not try a failed build again until one of the sources it read changes', async () => {
    const path = join(folder, 'fixed-later.ts');
    writeFileSync(path, 'export const x = ;\n');
    const first = new Date(Date.now() - 60_000);
    utimesSync(path, first, first);
    await expect(threadCode(url('host.ts'), [url('fixed-later.ts')])).resolves.toBeUndefined();
    // Repaired behind the memo's back (same modification time and size): the failure is remembered.
    writeFileSync(path, 'export const x =1;\n');
    utimesSync(path, first, first);
    await expect(threadCode(url('host.ts'), [url('fixed-later.ts')])).resolves.toBeUndefined();
    // Saved as a learner saves a fix: built again.
    const later = new Date();
    utimesSync(path, later, later);
    const code = await threadCode(url('host.ts'), [url('fixed-later.ts')]);
    expect(await inThread([code!.modules[url('fixed-later.ts')]!], '([m]) => m.x')).toBe(1);
  });

  it('gives no code for a graph with CommonJS files of its own (bundled, they would lose require)', async () => {
    await expect(threadCode(url('host.ts'), [url('uses-legacy.ts')])).resolves.toBeUndefined();
  });

  it('a thread terminated while its code is still being built never starts, and reports exit code 1', async () => {
    prepareNodeThreads([url('actor.ts')]); // the build runs in the background
    const thread = spawnNodeThread({}, 'never-started', [url('actor.ts')]);
    const exits: number[] = [];
    thread.onExit((code) => exits.push(code));
    await thread.terminate();
    expect(exits).toEqual([1]);
  });

  it('a compiled program still starts a TypeScript thread through tsx when that thread has no compiled code', async () => {
    writeFileSync(
      join(folder, 'typed-thread.ts'),
      "import { parentPort } from 'node:worker_threads';\nconst answer: number = 42;\nparentPort?.postMessage(answer);\n",
    );
    writeFileSync(
      join(folder, 'starts-typed-thread.ts'),
      [
        "import { startModuleWorker } from '../../src/platform/node/threads.ts';",
        "const worker = startModuleWorker(new URL('./typed-thread.ts', import.meta.url).href, false, {});",
        "worker.once('message', (answer) => { console.log(answer); void worker.terminate(); });",
        "worker.once('error', (error) => { console.error(error); process.exit(1); });",
        '',
      ].join('\n'),
    );
    const file = join(folder, 'starts-typed-thread.ts');
    const args = await moduleProcessArgs(file);
    expect(args).toContain('-e'); // the program itself runs compiled
    const run = await runProgram(process.execPath, args, { cwd: folder, timeoutMs: 30_000 });
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stdout.trim()).toBe('42');
  });

  it('compiles again only the modules whose sources changed inside, in this process or the next, and the whole graph when an import changed', async () => {
    const actor = join(folder, 'actor.ts');
    const original = await readFile(actor, 'utf8');
    const save = (text: string, secondsAhead: number) => {
      writeFileSync(actor, text);
      const later = new Date(Date.now() + secondsAhead * 1000);
      utimesSync(actor, later, later);
    };
    const first = await threadCode(url('host.ts'), [url('actor.ts')]);

    // An edit inside the module: that module alone, no bundling pass.
    save(`${original}export const edited = 'in this process';\n`, 30);
    builds.length = 0;
    const edited = await threadCode(url('host.ts'), [url('actor.ts')]);
    expect(builds).toEqual([{ entryPoints: [actor], bundle: false }]);
    const seen = await inThread(
      [edited!.hostUrl, edited!.modules[url('actor.ts')]!],
      '([host, actor]) => [actor.edited, host.hostRegistry === actor.actorRegistry, actor.sharedVersion()]',
    );
    expect(seen).toEqual(['in this process', true, 1]);

    // Another process (a fresh module, no memory of this one's builds) starts from the record.
    save(`${original}export const edited = 'in the next process';\n`, 40);
    vi.resetModules();
    const fresh = await import('../src/platform/node/thread-code.ts');
    builds.length = 0;
    const next = await fresh.threadCode(url('host.ts'), [url('actor.ts')]);
    expect(builds).toEqual([{ entryPoints: [actor], bundle: false }]);
    expect(await inThread([next!.modules[url('actor.ts')]!], '([actor]) => actor.edited')).toBe(
      'in the next process',
    );

    // A new import: seen once the edited module is compiled, then the graph is followed again
    // and compiled whole.
    writeFileSync(join(folder, 'extra.ts'), 'export const extra = 7;\n');
    save(`import { extra } from './extra.ts';\n${original}export const withExtra = extra;\n`, 50);
    builds.length = 0;
    const grown = await threadCode(url('host.ts'), [url('actor.ts')]);
    expect(builds.map((b) => b.bundle)).toEqual([false, true, false]);
    expect(builds[0]?.entryPoints).toEqual([actor]);
    expect(builds[2]?.entryPoints).toEqual(expect.arrayContaining([actor, join(folder, 'extra.ts')]));
    expect(await inThread([grown!.modules[url('actor.ts')]!], '([actor]) => actor.withExtra')).toBe(7);

    // Back as it was: the store gives the first build's files again, whichever way it came.
    save(original, 60);
    expect((await threadCode(url('host.ts'), [url('actor.ts')]))?.hostUrl).toBe(first?.hostUrl);
  });

  it('reads back the graph it records, and refuses one it did not write', () => {
    const graph = {
      modules: ['/a.ts', '/b.ts'],
      outputOf: new Map([
        ['/a.ts', '/build/a.js'],
        ['/b.ts', '/build/b.js'],
      ]),
      resolutions: new Map([
        [
          '/a.ts',
          new Map([
            ['./b.ts', { path: '/b.ts', external: false }],
            ['dequal', { path: 'file:///node_modules/dequal/dist/index.mjs', external: true }],
          ]),
        ],
      ]),
      specifiers: new Map([
        ['/a.ts', ['./b.ts', 'dequal']],
        ['/b.ts', []],
      ]),
    };
    expect(graphFromJson(JSON.parse(JSON.stringify(graphToJson(graph))))).toEqual(graph);
    for (const damaged of [
      undefined,
      42,
      { modules: '/a.ts' },
      { ...(graphToJson(graph) as object), outputs: [['/a.ts']] },
    ])
      expect(graphFromJson(damaged)).toBeUndefined();
    const wrongResolution = graphToJson(graph) as { resolutions: [string, unknown[]][] };
    wrongResolution.resolutions[0]![1] = [['./b.ts', '/b.ts', 'no']];
    expect(graphFromJson(wrongResolution)).toBeUndefined();
  });

  it('gives no code for a module that is not a file', async () => {
    await expect(threadCode(url('host.ts'), ['https://example.com/actor.ts'])).resolves.toBeUndefined();
  });
});
