/**
 * The browser engine's pure parts, in Node: compiling every lesson file the way the Service Worker
 * does, import mapping, compile errors with file and line, which modules a Run or Test needs,
 * the Service Worker's message checks and which of its answers carry the isolation headers,
 * grading from runner results with the grader's rules, test files shared among test workers, and
 * the engine choice.
 */
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { starvedTestMessage } from '@steady/grader/starved';
import { describe, expect, it } from 'vitest';
import { gradeFromResults } from '../src/client/browser/grade.ts';
import { compileReachable, referencedPaths } from '../src/client/browser/module-graph.ts';
import { browserSpecifier, compileModule, rewriteImports } from '../src/client/browser/module-source.ts';
import { parseSwap, resolveLessonPath, swapImports, swapSearch } from '../src/client/browser/module-swap.ts';
import { needsIsolation } from '../src/client/browser/sw-responses.ts';
import { mergeTestResults, splitTestFiles } from '../src/client/browser/test-groups.ts';
import { TestWorkerWatch } from '../src/client/browser/test-worker-watch.ts';
import { BARE_MODULES, withLessonPaths } from '../src/client/browser/urls.ts';
import { solutionImports } from '../src/client/browser/variant.ts';
import { checkVfsMessage } from '../src/client/browser/vfs-message.ts';
import { unchangedProgramModules } from '../src/client/engine/file-tree.ts';
import {
  enginePreference,
  engineReason,
  selectEngine,
  setEnginePreference,
} from '../src/client/engine/select.ts';
import type { Engine } from '../src/client/engine/types.ts';
import { readLessonBundle, readLessonInfo } from '../src/node/lessons.ts';
import { withProgramModules } from '../src/node/program-modules.ts';
import { headersFromFile } from './static-host.ts';

describe('compiling lesson files for the browser', () => {
  it('compiles every TypeScript file of lessons 01-04, and what lesson 05 grades here, leaving no bare import but the mapped ones', async () => {
    const lessons = ['01-minimum', '02-standard', '03-robust', '04-performant'];
    // What Run and Test import: the lesson's sources and exercises (benchmarks and configs are for Node).
    // Exercises graded in native mode only (a test importing a Node module) are not compiled for the page.
    const files = lessons.flatMap((lesson) => {
      const bundle = readLessonBundle(lesson);
      const nativeOnly = bundle.lesson.exercises
        .filter((e) => e.nativeReason !== undefined)
        .map((e) => `exercises/${e.id}/`);
      return bundle.files
        .filter((f) => f.path.endsWith('.ts') && /^(src|exercises)\//.test(f.path))
        .filter((f) => !nativeOnly.some((prefix) => f.path.startsWith(prefix)))
        .map((f) => ({ path: `${lesson}/${f.path}`, content: f.content }));
    });
    // Lesson 05 runs natively; the page grades the exercises it lists, with what they import.
    const lesson05 = readLessonBundle('05-distributed');
    const byPath = new Map(lesson05.files.map((f) => [f.path, f]));
    const reached = new Set(
      lesson05.lesson.exercises
        .filter((e) => e.nativeReason === undefined)
        .flatMap((e) =>
          lesson05.files.filter((f) => f.path.startsWith(`exercises/${e.id}/`) && f.path.endsWith('.ts')),
        )
        .map((f) => f.path),
    );
    for (const path of reached)
      for (const [, relative] of byPath.get(path)!.content.matchAll(/\bfrom\s+['"](\.[^'"]+)['"]/g)) {
        const target = posix.normalize(posix.join(posix.dirname(path), relative!));
        if (byPath.has(target)) reached.add(target);
      }
    expect([...reached]).toContain('src/args.ts');
    files.push(
      ...[...reached].map((path) => ({ path: `05-distributed/${path}`, content: byPath.get(path)!.content })),
    );
    expect(files.length).toBeGreaterThan(40);
    const mapped = new Set(Object.values(BARE_MODULES));
    for (const { path: file, content } of files) {
      const result = await compileModule(content, file);
      expect(result.error, file).toBeUndefined();
      for (const [, specifier] of result.code.matchAll(/\bfrom\s+['"]([^'"]+)['"]/g)) {
        const ok = specifier!.startsWith('.') || mapped.has(specifier!);
        expect(ok, `${file} imports ${specifier}`).toBe(true);
      }
      expect(result.code).not.toMatch(/:\s*(MainArgs|SteadyActor<)/);
    }
  });

  it('keeps imports as written (verbatimModuleSyntax) but drops type-only ones', async () => {
    const { code } = await compileModule(
      "import { type A, B } from '@steady/runtime';\nimport type { C } from './c.ts';\nexport const x: number = 1;\n",
      'src/x.ts',
    );
    expect(code).toMatch(/import \{ ?B ?\} from '\/steady\/runtime\/index\.js'/);
    expect(code).not.toContain('./c.ts');
    expect(code).toContain('export const x = 1');
  });

  it('maps bare names, keeps relative and absolute ones, and names a module the browser lacks', async () => {
    expect(browserSpecifier('vitest')).toBe('/steady/testkit/vitest.js');
    expect(browserSpecifier('./a.ts')).toBe('./a.ts');
    expect(browserSpecifier('../b.ts')).toBe('../b.ts');
    expect(browserSpecifier('https://x.test/m.js')).toBe('https://x.test/m.js');
    expect(browserSpecifier('node:fs')).toBe('/steady/missing/node%3Afs');
    expect(await rewriteImports("const m = await import('vitest'); export * from 'fs';")).toBe(
      'const m = await import("/steady/testkit/vitest.js"); export * from \'/steady/missing/fs\';',
    );
  });

  it('turns a syntax error into a module that throws it with file, line and column', async () => {
    const result = await compileModule('const a = 1;\nconst b: number = ;\n', 'src/main.ts');
    expect(result.error).toBe('src/main.ts:2:19: Unexpected token');
    expect(result.code).toBe('throw new SyntaxError("src/main.ts:2:19: Unexpected token");\n');
  });
});

describe('the solution variant, as the grader has it', () => {
  const files = new Set([
    'exercises/01-a/heartbeat.ts',
    'exercises/01-a/solution/heartbeat.ts',
    'exercises/01-a/x.ts',
  ]);
  it("points an exercise test's ./file.ts at ./solution/file.ts when the solution exists", async () => {
    const map = solutionImports('exercises/01-a/heartbeat.test.ts', (p) => files.has(p));
    expect(map?.('./heartbeat.ts')).toBe('./solution/heartbeat.ts');
    expect(map?.('./x.ts')).toBeUndefined(); // no solution for it: the working file
    expect(map?.('../../src/main.ts')).toBeUndefined();
    const { code } = await compileModule(
      "import { run } from './heartbeat.ts';\n",
      'exercises/01-a/heartbeat.test.ts',
      map,
    );
    expect(code).toContain("'./solution/heartbeat.ts'");
  });
  it('leaves files that are not exercise tests alone', () => {
    expect(solutionImports('src/main.ts', () => true)).toBeUndefined();
    expect(solutionImports('exercises/01-a/solution/heartbeat.ts', () => true)).toBeUndefined();
  });
});

describe('one module swapped in a graph (a learner-written test against a stand-in)', () => {
  const swap = { subject: 'src/actor/worker.ts', standIn: 'exercises/08-t/buggy/one-value.ts' };
  const base = '/steady/vfs/02-standard/';

  it('says the swap in the query, and reads back only two lesson-relative .ts paths', () => {
    const search = swapSearch(swap);
    expect(parseSwap(new URLSearchParams(search))).toEqual(swap);
    expect(parseSwap(new URLSearchParams(''))).toBeUndefined();
    for (const bad of [
      'src/a.ts',
      'src/a.ts>',
      '>src/b.ts',
      'src/a.ts>src/b.ts>src/c.ts',
      '../etc/a.ts>src/b.ts',
      'src/a.ts>src/../../b.ts',
      '/src/a.ts>src/b.ts',
      'src/a.js>src/b.ts',
    ])
      expect(parseSwap(new URLSearchParams({ swap: bad })), bad).toBe('invalid');
  });

  it('resolves relative imports inside the lesson, and nothing outside it', () => {
    expect(resolveLessonPath('exercises/08-t/worker.spec.ts', '../../src/actor/worker.ts')).toBe(
      'src/actor/worker.ts',
    );
    expect(resolveLessonPath('src/actor/worker.ts', './../args.ts')).toBe('src/args.ts');
    expect(resolveLessonPath('src/main.ts', '../../x.ts')).toBeUndefined();
  });

  it("points the subject's import at the stand-in and keeps every other relative import in the swapped graph", async () => {
    const search = swapSearch(swap);
    const map = swapImports(base, 'exercises/08-t/worker.spec.ts', swap);
    expect(map('../../src/actor/worker.ts')).toBe(`${base}exercises/08-t/buggy/one-value.ts${search}`);
    expect(map('../../src/args.ts')).toBe(`../../src/args.ts${search}`);
    expect(map('@steady/runtime')).toBeUndefined(); // the runtime is shared, as node_modules are
    // The stand-in's own imports, relative to where it is, stay in the graph too.
    const inStandIn = swapImports(base, swap.standIn, swap);
    expect(inStandIn('../../../src/fizzbuzz.ts')).toBe(`../../../src/fizzbuzz.ts${search}`);
    const { code } = await compileModule(
      "import { internalBehavior } from '../../src/actor/worker.ts';\nimport { it } from 'vitest';\n",
      'exercises/08-t/worker.spec.ts',
      map,
    );
    expect(code).toContain(`'${base}exercises/08-t/buggy/one-value.ts${search}'`);
    expect(code).toContain(`'${BARE_MODULES.vitest}'`);
  });
});

describe('output of a run in the page', () => {
  it("names the lesson's files by their paths, not by the Service Worker's URLs", () => {
    const origin = 'http://127.0.0.1:5170';
    const frame = `Error: boom (at HeartbeatActor.run (${origin}/steady/vfs/01-minimum/src/actor/heartbeat.ts:25:13))`;
    expect(withLessonPaths(frame, origin, '01-minimum')).toBe(
      'Error: boom (at HeartbeatActor.run (src/actor/heartbeat.ts:25:13))',
    );
    // The runtime's own frames, and another lesson's files, keep their URLs.
    const other = `at x (${origin}/steady/runtime/index.js:1:2) at y (${origin}/steady/vfs/02-standard/src/main.ts:3:4)`;
    expect(withLessonPaths(other, origin, '01-minimum')).toBe(other);
  });
});

describe('the modules a Run or a Test needs', () => {
  it('finds relative imports, literal dynamic imports and modules located by URL, not bare names', async () => {
    const code = [
      "import { a } from './a.ts';",
      "export { b } from '../lib/b.ts';",
      "import '@steady/runtime';",
      "const c = await import('./c.ts?v=1');",
      "const d = new URL('./actor/d.ts', import.meta.url);",
      'const e = await import(name);',
    ].join('\n');
    expect(await referencedPaths('src/main.ts', code)).toEqual([
      'src/a.ts',
      'lib/b.ts',
      'src/c.ts',
      'src/actor/d.ts',
    ]);
    // Out of the lesson: left to the module loader (which gets a 404 for it).
    expect(await referencedPaths('src/main.ts', "import x from '../../x.ts';")).toEqual([]);
  });

  /** Lesson 01's TypeScript files, and a compile function that counts what it compiled. */
  function lesson01(edits: Readonly<Record<string, string>> = {}) {
    const sources = new Map(
      readLessonBundle('01-minimum')
        .files.filter((f) => f.path.endsWith('.ts'))
        .map((f) => [f.path, edits[f.path] ?? f.content]),
    );
    const compiledPaths: string[] = [];
    const compile = (path: string) => {
      compiledPaths.push(path);
      return compileModule(sources.get(path)!, path);
    };
    return { sources, compiledPaths, compile, isModule: (path: string) => sources.has(path) };
  }

  it("compiles what lesson 01's Run imports, once each, and nothing else", async () => {
    const { sources, compiledPaths, compile, isModule } = lesson01();
    expect(await compileReachable(['src/main.ts'], isModule, compile)).toEqual([]);
    // The program and its actor: the exercises are the tests' business (types only, erased, are not followed).
    expect(compiledPaths).toEqual(['src/main.ts', 'src/actor/heartbeat.ts', 'src/args.ts']);
    expect(sources.size).toBeGreaterThan(20);
  });

  it('reports the compile errors of the modules reached, not of the files no one imports', async () => {
    const broken = 'export const x: number = ;\n';
    const unreached = lesson01({
      'exercises/01-stop-after-beats/wrong/hard-coded-count/heartbeat.ts': broken,
    });
    expect(await compileReachable(['src/main.ts'], unreached.isModule, unreached.compile)).toEqual([]);
    const reached = lesson01({ 'src/args.ts': broken });
    const errors = await compileReachable(['src/main.ts'], reached.isModule, reached.compile);
    expect(errors).toEqual([expect.stringMatching(/^src\/args\.ts:1:\d+: /)]);
    // A test file is an entry of its own: its subject is compiled with it.
    const test = lesson01({ 'exercises/03-validate-rate/args.ts': broken });
    const testErrors = await compileReachable(
      ['exercises/03-validate-rate/args.test.ts'],
      test.isModule,
      test.compile,
    );
    expect(testErrors).toEqual([expect.stringMatching(/^exercises\/03-validate-rate\/args\.ts:1:\d+: /)]);
  });

  it('follows a cycle of imports once around', async () => {
    const sources = new Map([
      ['a.ts', "import './b.ts'; export const a = 1;"],
      ['b.ts', "import './a.ts'; export const b = 2;"],
    ]);
    const compiled: string[] = [];
    const compile = (path: string) => {
      compiled.push(path);
      return compileModule(sources.get(path)!, path);
    };
    expect(await compileReachable(['a.ts', 'a.ts'], (p) => sources.has(p), compile)).toEqual([]);
    expect(compiled).toEqual(['a.ts', 'b.ts']);
  });
});

describe("the build's compiled program", () => {
  it('holds what a Run of each lesson loads, compiled as the Service Worker would, and is handed on only for unchanged files', async () => {
    for (const id of ['01-minimum', '02-standard', '03-robust', '04-performant']) {
      const bundle = await withProgramModules(readLessonBundle(id));
      const modules = bundle.browserModules ?? {};
      expect(Object.keys(modules)[0], id).toBe('src/main.ts');
      expect(bundle.lesson.entry, id).toBe('src/main.ts');
      for (const [path, code] of Object.entries(modules)) {
        const source = bundle.files.find((f) => f.path === path)?.content ?? '';
        expect(code, `${id}/${path}`).toBe((await compileModule(source, path)).code);
      }
    }
    // Lesson 05's program (src/runner.ts) needs native mode: the page ships none of it compiled.
    expect((await withProgramModules(readLessonBundle('05-distributed'))).browserModules).toBeUndefined();
    const bundle = await withProgramModules(readLessonBundle('01-minimum'));
    expect(Object.keys(bundle.browserModules ?? {}).sort()).toEqual([
      'src/actor/heartbeat.ts',
      'src/args.ts',
      'src/main.ts',
    ]);
    const files = Object.fromEntries(bundle.files.map((f) => [f.path, f.content]));
    expect(Object.keys(unchangedProgramModules(bundle, files)).sort()).toEqual(
      Object.keys(bundle.browserModules ?? {}).sort(),
    );
    // The learner's own text is compiled from what they wrote, never replaced by the build's.
    const edited = { ...files, 'src/args.ts': `${files['src/args.ts']}\n// mine\n` };
    expect(Object.keys(unchangedProgramModules(bundle, edited)).sort()).toEqual([
      'src/actor/heartbeat.ts',
      'src/main.ts',
    ]);
  });

  it('refuses to build a lesson whose program does not compile', async () => {
    const bundle = readLessonBundle('01-minimum');
    const broken = {
      ...bundle,
      files: bundle.files.map((f) =>
        f.path === 'src/args.ts' ? { ...f, content: 'const x: number = ;' } : f,
      ),
    };
    await expect(withProgramModules(broken)).rejects.toThrow(
      /01-minimum does not compile:\nsrc\/args\.ts:1:/,
    );
  });
});

describe("the Service Worker's lesson-files message", () => {
  const good = { type: 'vfs-write', lesson: '01-minimum', files: { 'src/main.ts': 'x' }, variant: 'working' };
  it('accepts a lesson and its files, and what a Run or Test starts from', () => {
    expect(checkVfsMessage(good)).toEqual(good);
    expect(checkVfsMessage({ ...good, entries: ['src/main.ts'] })).toEqual({
      ...good,
      entries: ['src/main.ts'],
    });
  });
  it('refuses anything else, saying why', () => {
    expect(checkVfsMessage(null)).toBe('not an object');
    expect(checkVfsMessage({ ...good, type: 'other' })).toMatch(/unknown message type/);
    expect(checkVfsMessage({ ...good, lesson: '../x' })).toMatch(/bad lesson id/);
    expect(checkVfsMessage({ ...good, files: { '../etc/passwd': 'x' } })).toMatch(/leaves the lesson/);
    expect(checkVfsMessage({ ...good, files: { '/abs.ts': 'x' } })).toMatch(/absolute/);
    expect(checkVfsMessage({ ...good, files: { 'a.ts': 3 } })).toMatch(/not text/);
    expect(checkVfsMessage({ ...good, files: {} })).toMatch(/between 1 and/);
    expect(checkVfsMessage({ ...good, variant: 'other' })).toMatch(/unknown variant/);
    expect(checkVfsMessage({ ...good, entries: 'src/main.ts' })).toMatch(/entries is not a list/);
    expect(checkVfsMessage({ ...good, entries: ['src/other.ts'] })).toMatch(
      /"src\/other\.ts" is not one of the files/,
    );
    expect(checkVfsMessage({ ...good, entries: [7] })).toMatch(/7 is not one of the files/);
    expect(checkVfsMessage({ ...good, entries: ['toString'] })).toMatch(/not one of the files/);
    expect(checkVfsMessage({ ...good, compiled: ['x'] })).toMatch(/compiled is not an object/);
    expect(checkVfsMessage({ ...good, compiled: { 'src/other.ts': 'x' } })).toMatch(
      /not a TypeScript file among/,
    );
    expect(checkVfsMessage({ ...good, compiled: { 'src/main.ts': 3 } })).toMatch(/code is not text/);
    // The question whether the worker has gone quiet carries nothing: anything else in it is dropped.
    expect(checkVfsMessage({ type: 'when-quiet', files: { 'a.ts': 'x' } })).toEqual({ type: 'when-quiet' });
  });
});

describe("the Service Worker's isolation headers", () => {
  // What Chromium asks with (seen in a Service Worker's fetch events): a module worker's own
  // script is `worker` / `same-origin`, each module it imports `worker` / `cors`.
  const request = (destination: string, mode: string) => ({ destination, mode }) as Request;

  it('go on pages and on the scripts that start workers, not on the modules workers import', () => {
    expect(needsIsolation(request('document', 'navigate'))).toBe(true);
    expect(needsIsolation(request('worker', 'same-origin'))).toBe(true);
    expect(needsIsolation(request('sharedworker', 'same-origin'))).toBe(true);
    expect(needsIsolation(request('worker', 'cors'))).toBe(false);
    expect(needsIsolation(request('script', 'cors'))).toBe(false);
    expect(needsIsolation(request('style', 'no-cors'))).toBe(false);
  });
});

describe('grading from the runner results', () => {
  const lesson = readLessonInfo('01-minimum');
  it('follows the grader: all tests of an exercise pass, load failures and missing tests fail', () => {
    const [first, second, third] = lesson.exercises;
    const grade = gradeFromResults(lesson, {
      testResults: [
        {
          name: `exercises/${first!.id}/a.test.ts`,
          status: 'passed',
          message: '',
          assertionResults: [{ title: 't', fullName: 'd t', status: 'passed', failureMessages: [] }],
        },
        {
          name: `exercises/${second!.id}/b.test.ts`,
          status: 'failed',
          message: '',
          assertionResults: [
            {
              title: 'u',
              fullName: 'u',
              status: 'failed',
              failureMessages: ['AssertionError: no\n    at x'],
            },
          ],
        },
        {
          name: `exercises/${third!.id}/c.test.ts`,
          status: 'failed',
          message: 'src/args.ts:3:1: Unexpected token',
          assertionResults: [],
        },
      ],
    });
    expect(grade.exercises.map((e) => [e.passed, e.firstFailure])).toEqual([
      [true, null],
      [false, 'u: AssertionError: no'],
      [false, 'c.test.ts: src/args.ts:3:1: Unexpected token'],
      [false, `${lesson.exercises[3]!.id}: no test ran for this exercise`],
    ]);
    expect([grade.passed, grade.total, grade.score]).toEqual([1, 4, 25]);
  });
});

describe('test files shared among test workers', () => {
  const result = (name: string) => ({ name, status: 'passed', message: '', assertionResults: [] });
  it('deals the files round-robin into at most two groups, never an empty one but for no files', () => {
    expect(splitTestFiles(['a', 'b', 'c', 'd', 'e'])).toEqual([
      ['a', 'c', 'e'],
      ['b', 'd'],
    ]);
    expect(splitTestFiles(['a'])).toEqual([['a']]);
    expect(splitTestFiles([])).toEqual([[]]);
    expect(splitTestFiles(['a', 'b', 'c'], 3)).toEqual([['a'], ['b'], ['c']]);
  });
  it('puts the results of every group back in the order of the files', () => {
    const files = ['x/1.test.ts', 'x/2.test.ts', 'x/3.test.ts'];
    const merged = mergeTestResults(files, [
      { testResults: [result('x/1.test.ts'), result('x/3.test.ts')] },
      { testResults: [result('x/2.test.ts')] },
    ]);
    expect(merged.testResults.map((r) => r.name)).toEqual(files);
  });
});

describe('a test worker whose thread gets no turn', () => {
  const passed = (name: string) => ({
    name,
    status: 'passed',
    message: '',
    assertionResults: [{ title: 't', fullName: 't', status: 'passed', failureMessages: [] }],
  });

  it('is not counted as starved while it loads, only from its first turn on, nor while the page was away', () => {
    const watch = new TestWorkerWatch(['a.test.ts']);
    expect(watch.starvedFor(60_000)).toBe(0);
    watch.heard({ type: 'turn' }, 1000);
    expect(watch.starvedFor(17_000)).toBe(16_000);
    watch.heard({ type: 'turn' }, 16_900);
    expect(watch.starvedFor(17_000)).toBe(100);
    // The page was frozen from 17 s to 60 s: the worker's silence then is not held against it.
    watch.pageResumed(60_000);
    expect(watch.starvedFor(60_500)).toBe(500);
  });

  it('keeps the files it finished, fails the test it was running with why, and the files after it as not run', () => {
    const watch = new TestWorkerWatch(['x/1.test.ts', 'x/2.test.ts', 'x/3.test.ts']);
    watch.heard({ type: 'turn' }, 0);
    watch.heard({ type: 'file-done', json: { testResults: [passed('x/1.test.ts')] } }, 10);
    watch.heard({ type: 'test-started', file: 'x/2.test.ts', title: 'spins', fullName: 'archive spins' }, 20);
    const results = watch.resultsWhenStarved(16_000).testResults;
    expect(results.map((r) => [r.name, r.status])).toEqual([
      ['x/1.test.ts', 'passed'],
      ['x/2.test.ts', 'failed'],
      ['x/3.test.ts', 'failed'],
    ]);
    expect(results[1]?.assertionResults).toEqual([
      {
        title: 'spins',
        fullName: 'archive spins',
        status: 'failed',
        failureMessages: [starvedTestMessage(16_000)],
      },
    ]);
    expect(results[1]?.assertionResults[0]?.failureMessages[0]).toMatch(
      /^Error: the test got no turn for 16 s/,
    );
    expect(results[2]).toMatchObject({ assertionResults: [], message: expect.stringMatching(/^not run: /) });
  });

  it('blames the first file it had not finished when no test had started (a loop in a module it was loading)', () => {
    const watch = new TestWorkerWatch(['x/1.test.ts', 'x/2.test.ts']);
    watch.heard({ type: 'turn' }, 0);
    const [first, second] = watch.resultsWhenStarved(15_000).testResults;
    expect(first).toMatchObject({ name: 'x/1.test.ts', status: 'failed', assertionResults: [] });
    expect(first?.message).toBe(starvedTestMessage(15_000));
    expect(second?.message).toMatch(/^not run: /);
  });
});

describe('choosing the engine', () => {
  const memory = new Map<string, string>();
  const storage = {
    getItem: (k: string) => memory.get(k) ?? null,
    setItem: (k: string, v: string) => memory.set(k, v),
  };
  it('prefers the browser engine, WebContainers only when picked', () => {
    expect(enginePreference(storage)).toBe('browser');
    setEnginePreference('webcontainer', storage);
    expect(enginePreference(storage)).toBe('webcontainer');
  });
  it('takes native mode when the runner served the page, and says why', () => {
    const native = { kind: 'native' } as Engine;
    expect(selectEngine(readLessonInfo('01-minimum'), () => native)).toBe(native);
    expect(engineReason('native')).toMatch(/npm start/);
    expect(engineReason('browser')).toMatch(/no local runner/);
  });
  it('without native mode, takes the browser engine for a native-only lesson that lists exercises for it', () => {
    setEnginePreference('browser', storage); // forgets the engine chosen above
    const lesson05 = readLessonInfo('05-distributed');
    const engine = selectEngine(lesson05, () => undefined);
    expect(engine.kind).toBe('browser');
    expect(engineReason('browser', lesson05)).toMatch(
      /Exercises 01, 02, 03, 05, 06 grade here; Run and the other/,
    );
    // A lesson that lists none, or WebContainers picked: nothing to do here but say so.
    setEnginePreference('browser', storage);
    const noneListed = {
      ...lesson05,
      exercises: lesson05.exercises.map((e) => ({ ...e, nativeReason: 'it needs real UDP sockets' })),
    };
    expect(() => selectEngine(noneListed, () => undefined)).toThrow(/Lesson 5 needs native mode/);
    setEnginePreference('browser', storage);
  });

  it('the static host reads the isolation headers of _headers', () => {
    const headers = headersFromFile(
      readFileSync(join(import.meta.dirname, '../pages/public/_headers'), 'utf8'),
    );
    expect(headers['Cross-Origin-Embedder-Policy']).toBe('require-corp');
    expect(headers['Cross-Origin-Opener-Policy']).toBe('same-origin');
  });
});
