import { readFileSync } from 'node:fs';
import { GradeFormatError, parseGradeSummary } from '@steady/grader/report';
import { describe, expect, it, vi } from 'vitest';
import { buildFileTree, changedEdits, projectFiles } from '../src/client/engine/file-tree.ts';
import { NativeEngine } from '../src/client/engine/native.ts';
import { type Engine, EngineUnavailableError } from '../src/client/engine/types.ts';
import { WebContainerEngine } from '../src/client/engine/webcontainer.ts';
import {
  dashboardView,
  initialState,
  PlaygroundSession,
  telemetryAddress,
} from '../src/client/playground/session.ts';
import { bundle, FakeContainer, type FakeProcess, FakeSocket } from './doubles.ts';

const report = readFileSync(new URL('./fixtures/grade-01-minimum.json', import.meta.url), 'utf8');
const GRADE = 'lessons/01-minimum/.steady/grade.json';

describe('file tree', () => {
  it('nests flat paths into the WebContainer mount format', () => {
    expect(buildFileTree({ 'a/b/c.ts': 'x', 'a/d.ts': 'y', 'e.json': '{}' })).toEqual({
      a: {
        directory: {
          b: { directory: { 'c.ts': { file: { contents: 'x' } } } },
          'd.ts': { file: { contents: 'y' } },
        },
      },
      'e.json': { file: { contents: '{}' } },
    });
  });

  it('refuses a path that is both a file and a folder, and paths with ..', () => {
    expect(() => buildFileTree({ a: 'x', 'a/b': 'y' })).toThrow(/both a file and a folder/);
    expect(() => buildFileTree({ '../x': 'y' })).toThrow(/bad path/);
  });

  it('lays edits over editable files only, under lessons/<id>, beside the runtime and a workspace root', () => {
    const files = projectFiles(
      bundle,
      { 'src/main.ts': 'edited', 'exercises/01-stop/heartbeat.test.ts': 'cheat', 'package.json': 'nope' },
      { 'runtime/src/index.ts': 'runtime' },
    );
    expect(files['lessons/01-minimum/src/main.ts']).toBe('edited');
    expect(files['lessons/01-minimum/exercises/01-stop/heartbeat.test.ts']).toBe('test');
    expect(files['lessons/01-minimum/package.json']).toBe('{}');
    expect(files['runtime/src/index.ts']).toBe('runtime');
    const root = JSON.parse(files['package.json']!);
    expect(root.workspaces).toEqual(['runtime', 'tools/grader', 'lessons/01-minimum']);
    expect(root.devDependencies.vite).toBe('7.3.8');
  });

  it('sends only files that differ from the lesson', () => {
    expect(changedEdits(bundle, { 'src/main.ts': 'main', 'exercises/01-stop/heartbeat.ts': 'mine' })).toEqual(
      {
        'exercises/01-stop/heartbeat.ts': 'mine',
      },
    );
  });
});

describe('grade report', () => {
  it("parses the grader's JSON summary", () => {
    const summary = parseGradeSummary(report);
    expect(summary.lesson).toBe('01-minimum');
    expect(summary.total).toBe(4);
    expect(summary.exercises[0]).toMatchObject({ id: '01-stop-after-beats', passed: false });
    expect(summary.exercises[0]!.firstFailure).toMatch(/request shutdown/);
    expect(summary.exercises[2]!.tests.some((t) => t.passed)).toBe(true);
  });

  it('says plainly what is wrong with a broken report', () => {
    expect(() => parseGradeSummary('{"lesson": "x", "exer')).toThrow(GradeFormatError);
    expect(() => parseGradeSummary('[]')).toThrow(/not a JSON object/);
    expect(() => parseGradeSummary('{"lesson":"x","exercises":[{"title":"t","passed":true}]}')).toThrow(
      /exercises\[0\]\.id/,
    );
  });
});

describe('native engine', () => {
  function connect() {
    let socket: FakeSocket | undefined;
    const engine = new NativeEngine('ws://127.0.0.1:1/__steady/runner', (url, protocols) => {
      socket = new FakeSocket(url, protocols);
      return socket;
    });
    const statuses: string[] = [];
    const booted = engine.boot((s) => statuses.push(s.phase));
    socket!.open();
    return { engine, socket: socket!, booted, statuses };
  }

  it('offers only the runner protocol (the cookie carries the secret) and runs start with the args and the changed files', async () => {
    const { engine, socket, booted, statuses } = connect();
    await booted;
    expect(socket.protocols).toEqual(['steady-runner']);
    expect(statuses).toEqual(['booting', 'ready']);
    const output: string[] = [];
    const handle = await engine.start({
      bundle,
      edits: { 'src/main.ts': 'changed', 'exercises/01-stop/heartbeat.ts': 'starter' },
      args: ['--rate', '500'],
      onOutput: (d) => output.push(d),
    });
    expect(socket.sent).toEqual([
      {
        type: 'run',
        id: 1,
        lesson: '01-minimum',
        command: 'start',
        args: ['--rate', '500'],
        files: { 'src/main.ts': 'changed' },
      },
    ]);
    socket.reply({ type: 'started', id: 1 });
    socket.reply({ type: 'output', id: 1, data: 'Heartbeat 3\n' });
    socket.reply({ type: 'exit', id: 1, code: 0, signal: null });
    await expect(handle.exit).resolves.toBe(0);
    expect(output).toEqual(['Heartbeat 3\n']);
  });

  it('grades from the report the runner read, not from the exit code', async () => {
    const { engine, socket, booted } = connect();
    await booted;
    const graded = engine.test({ bundle, edits: {}, onOutput: () => {} });
    socket.reply({ type: 'grade', id: 1, report });
    socket.reply({ type: 'exit', id: 1, code: 0, signal: null });
    await expect(graded).resolves.toMatchObject({ lesson: '01-minimum', passed: 0, total: 4 });
  });

  it('fails a test run that produced no report with the runner’s reason', async () => {
    const { engine, socket, booted } = connect();
    await booted;
    const graded = engine.test({ bundle, edits: {}, onOutput: () => {} });
    socket.reply({ type: 'error', id: 1, message: 'the grader wrote no report' });
    socket.reply({ type: 'exit', id: 1, code: 1, signal: null });
    await expect(graded).rejects.toThrow(/wrote no report/);
  });

  it('says so plainly when the runner cannot be reached', async () => {
    const engine = new NativeEngine('ws://x', (url, protocols) => {
      const socket = new FakeSocket(url, protocols);
      queueMicrotask(() => socket.close());
      return socket;
    });
    const refused = engine.boot(() => {});
    await expect(refused).rejects.toBeInstanceOf(EngineUnavailableError);
    await expect(refused).rejects.toHaveProperty(
      'advice',
      expect.stringMatching(/link that `npm start` printed/),
    );
  });

  it('tells the learner a file is too large before sending anything', async () => {
    const { engine, socket, booted } = connect();
    await booted;
    const huge = 'x'.repeat(600 * 1024);
    await expect(
      engine.start({ bundle, edits: { 'src/main.ts': huge }, args: [], onOutput: () => {} }),
    ).rejects.toThrow(/src\/main\.ts is too large to run \(600 kB; the limit is 512 kB\)/);
    expect(socket.sent).toEqual([]);
  });

  it('says why the runner turned the page away', async () => {
    const { engine, socket, booted } = connect();
    await booted;
    const handle = await engine.start({ bundle, edits: {}, args: [], onOutput: () => {} });
    socket.closeWith(1013, 'too many open lesson pages (12): close one');
    await expect(handle.exit).rejects.toThrow(
      'The local runner refused: too many open lesson pages (12): close one.',
    );
  });

  it('rejects a running command when the connection drops', async () => {
    const { engine, socket, booted } = connect();
    await booted;
    const handle = await engine.start({ bundle, edits: {}, args: [], onOutput: () => {} });
    socket.close();
    await expect(handle.exit).rejects.toThrow(/closed the connection/);
  });

  it('asks the runner to stop the current run and waits for its exit', async () => {
    const { engine, socket, booted } = connect();
    await booted;
    const handle = await engine.start({ bundle, edits: {}, args: [], onOutput: () => {} });
    const stopped = engine.stop();
    expect(socket.sent.at(-1)).toEqual({ type: 'stop', id: 1 });
    socket.reply({ type: 'exit', id: 1, code: null, signal: 'SIGTERM' });
    await stopped;
    await expect(handle.exit).resolves.toBeNull();
  });
});

describe('WebContainer engine', () => {
  const happy = (
    line: string,
    process: { print(t: string): void; end(c: number): void },
    c: FakeContainer,
  ) => {
    if (line.includes('npm install')) process.end(0);
    else if (line.includes('run start')) {
      process.print('telemetry: http://127.0.0.1:9900\nHeartbeat 1\n');
      process.end(0);
    } else if (line.includes('run test')) {
      c.files.set(GRADE, report);
      process.end(1); // the exit code is not what grades
    }
  };

  it('refuses to boot on a page that is not cross-origin isolated, and offers native mode', async () => {
    const engine = new WebContainerEngine(
      async () => ({}),
      async () => new FakeContainer(happy),
      () => false,
    );
    const error = await engine.boot(() => {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineUnavailableError);
    expect((error as EngineUnavailableError).message).toMatch(/not cross-origin isolated/);
    expect((error as EngineUnavailableError).advice).toMatch(/npm start/);
  });

  it('says at once that an offline browser cannot boot WebContainers, offers the browser engine, and tries again online', async () => {
    let online = false;
    let boots = 0;
    const engine = new WebContainerEngine(
      async () => ({}),
      async () => {
        boots += 1;
        return new FakeContainer(happy);
      },
      () => true,
      () => online,
    );
    const error = (await engine.boot(() => {}).catch((e: unknown) => e)) as EngineUnavailableError;
    expect(error).toBeInstanceOf(EngineUnavailableError);
    expect(error.message).toMatch(/offline, so WebContainers cannot start/);
    expect(error.advice).toMatch(/"this browser"[\s\S]*npm start/);
    expect(boots).toBe(0); // no 30 s wait for servers that cannot answer
    online = true;
    await engine.boot(() => {});
    expect(boots).toBe(1);
  });

  it('turns a failed boot into a plain explanation with native mode as the way out', async () => {
    const engine = new WebContainerEngine(
      async () => ({}),
      async () => {
        throw new Error('Failed to fetch');
      },
      () => true,
    );
    const error = (await engine.boot(() => {}).catch((e: unknown) => e)) as EngineUnavailableError;
    expect(error.message).toMatch(/WebContainers could not start \(Failed to fetch\)/);
    expect(error.advice).toMatch(/native mode/);
  });

  it('boots once, mounts and installs once, then writes edited files and runs the same commands', async () => {
    const container = new FakeContainer(happy);
    let boots = 0;
    const engine = new WebContainerEngine(
      async () => ({ 'runtime/package.json': '{}' }),
      async () => {
        boots++;
        return container;
      },
      () => true,
    );
    const phases: string[] = [];
    await engine.boot((s) => phases.push(s.phase));
    await engine.boot(() => {});
    expect(boots).toBe(1);
    const output: string[] = [];
    const first = await engine.start({
      bundle,
      edits: {},
      args: ['--beats', '1'],
      onOutput: (d) => output.push(d),
    });
    await expect(first.exit).resolves.toBe(0);
    const second = await engine.start({
      bundle,
      edits: { 'src/main.ts': 'mine' },
      args: [],
      onOutput: () => {},
    });
    await second.exit;
    const summary = await engine.test({ bundle, edits: { 'src/main.ts': 'mine' }, onOutput: () => {} });
    expect(summary.total).toBe(4);
    expect(container.calls).toEqual([
      'mount',
      'npm install --no-audit --no-fund --loglevel=error',
      '[lessons/01-minimum] npm run start --silent -- --beats 1',
      'write lessons/01-minimum/src/main.ts',
      'write lessons/01-minimum/exercises/01-stop/heartbeat.ts',
      '[lessons/01-minimum] npm run start --silent --',
      'write lessons/01-minimum/src/main.ts',
      'write lessons/01-minimum/exercises/01-stop/heartbeat.ts',
      `rm ${GRADE}`,
      '[lessons/01-minimum] npm run test --silent -- --json .steady/grade.json',
      `read ${GRADE}`,
    ]);
    expect(container.mounted?.runtime).toBeDefined();
    expect(container.files.get('lessons/01-minimum/src/main.ts')).toBe('mine');
    expect(output.join('')).toContain('Heartbeat 1');
    expect(phases).toEqual(['booting', 'ready']);
  });

  it('reports a failed install and a missing grade report as errors', async () => {
    const broken = new FakeContainer((line, process) => process.end(line.includes('install') ? 1 : 0));
    const engine = new WebContainerEngine(
      async () => ({}),
      async () => broken,
      () => true,
    );
    await engine.boot(() => {});
    await expect(engine.test({ bundle, edits: {}, onOutput: () => {} })).rejects.toThrow(
      /npm install failed/,
    );
    const noReport = new FakeContainer((_line, process) => process.end(0));
    const engine2 = new WebContainerEngine(
      async () => ({}),
      async () => noReport,
      () => true,
    );
    await engine2.boot(() => {});
    await expect(engine2.test({ bundle, edits: {}, onOutput: () => {} })).rejects.toThrow(/wrote no report/);
  });

  it('stops a running lesson by killing its process', async () => {
    const container = new FakeContainer((line, process) => {
      if (line.includes('install')) process.end(0);
    });
    const engine = new WebContainerEngine(
      async () => ({}),
      async () => container,
      () => true,
    );
    await engine.boot(() => {});
    const handle = await engine.start({ bundle, edits: {}, args: [], onOutput: () => {} });
    await engine.stop();
    await expect(handle.exit).resolves.toBe(143);
  });
});

describe('playground session', () => {
  /** A WebContainers engine whose install ends at once, and whose every other command does `run`. */
  const scriptedEngine = (run: (process: FakeProcess, container: FakeContainer) => void) =>
    new WebContainerEngine(
      async () => ({}),
      async () =>
        new FakeContainer((line, process, c) =>
          line.includes('install') ? process.end(0) : run(process, c),
        ),
      () => true,
    );

  it('finds the telemetry address even when a line arrives in pieces, and uses the forwarded URL', async () => {
    const engine = scriptedEngine((process, c) => {
      c.serverReady(9900, 'https://abc--9900.webcontainer-api.io');
      process.print('telemetry: http://127.0.');
      process.print('0.1:9900\nbeat\n');
      process.end(0);
    });
    const state = initialState();
    const written: string[] = [];
    const session = new PlaygroundSession(bundle, engine, state, {
      write: (d) => written.push(d),
      edits: () => ({}),
    });
    await expect(session.run('--beats 1')).resolves.toBe(0);
    expect(state.telemetryUrl).toBe('https://abc--9900.webcontainer-api.io');
    expect(state.status?.message).toMatch(/exit code 0/);
    expect(written[0]).toContain('npm start -- --beats 1');
  });

  it('keeps the first place in a listed lesson file that a run prints, until the next run', async () => {
    let output = '';
    const engine = scriptedEngine((process) => {
      process.print(output);
      process.end(1);
    });
    const state = initialState();
    const session = new PlaygroundSession(bundle, engine, state, { write: () => {}, edits: () => ({}) });
    // Not lesson files of the list: the runtime's, a solution's (not listed unless shown).
    output =
      'at x (/course/runtime/src/graph/graph.ts:3:1)\n' +
      'at y (/course/.work/01-minimum/exercises/01-stop/solution/heartbeat.ts:2:2)\n' +
      '\x1b[31msrc/main.ts:12:7: Unexpected ";"\x1b[0m\n' +
      'at z (/course/.work/01-minimum/exercises/01-stop/heartbeat.ts:9:4)\n';
    await session.run('');
    expect(state.place).toMatchObject({ path: 'src/main.ts', line: 12, column: 7 });
    output = 'nothing to point at\n';
    await session.run('');
    expect(state.place).toBeNull();
  });

  it('says Stopped after Stop, also when the program then ends cleanly on its own (exit code 0)', async () => {
    let end: (code: number | null) => void = () => undefined;
    let stopAnswer: number | null = 0;
    const engine: Engine = {
      kind: 'native',
      boot: async () => undefined,
      start: async () => ({ exit: new Promise<number | null>((resolve) => (end = resolve)) }),
      test: () => Promise.reject(new Error('no tests here')),
      stop: async () => end(stopAnswer),
      dispose: () => undefined,
    };
    const state = initialState();
    const session = new PlaygroundSession(bundle, engine, state, { write: () => {}, edits: () => ({}) });
    const statusAfter = async (ending: () => Promise<void>) => {
      const run = session.run('');
      await vi.waitUntil(() => state.running === 'start');
      await ending();
      await run;
      return state.status?.message;
    };
    expect(await statusAfter(() => session.stop())).toBe(
      'Stopped: the program shut down cleanly (exit code 0).',
    );
    stopAnswer = 130; // a second interrupt ended it
    expect(await statusAfter(() => session.stop())).toBe('Stopped: the program exited with code 130.');
    stopAnswer = null; // terminated
    expect(await statusAfter(() => session.stop())).toBe('Stopped.');
    expect(await statusAfter(async () => end(0))).toBe('Finished (exit code 0).');
    expect(await statusAfter(async () => end(2))).toBe('Exited with code 2.');
  });

  it('records a grade and shows unavailable engines with their advice', async () => {
    const engine = new WebContainerEngine(
      async () => ({}),
      async () => new FakeContainer(() => {}),
      () => false,
    );
    const state = initialState();
    const session = new PlaygroundSession(bundle, engine, state, { write: () => {}, edits: () => ({}) });
    await expect(session.test()).resolves.toBeUndefined();
    expect(state.error?.advice).toMatch(/npm start/);
    expect(state.status?.phase).toBe('error');
    expect(state.running).toBeNull();
  });

  it('refuses Run of a native-only lesson away from native mode before anything starts', async () => {
    let started = false;
    const engine = new WebContainerEngine(
      async () => ({}),
      async () => {
        started = true;
        return new FakeContainer(() => {});
      },
      () => true,
    );
    const state = initialState();
    const written: string[] = [];
    const native = { ...bundle, lesson: { ...bundle.lesson, number: 5, requiresNative: true } };
    const session = new PlaygroundSession(native, engine, state, {
      write: (d) => written.push(d),
      edits: () => ({}),
    });
    await expect(session.run('')).resolves.toBeUndefined();
    expect(state.error?.message).toMatch(/^Lesson 5's program needs native mode: it sends real UDP packets/);
    expect(state.error?.advice).toMatch(/npm install && npm start/);
    expect(started).toBe(false);
    expect(written).toEqual([]);
    expect(state.status).toBeNull(); // the engine is fine: Test still grades here
  });

  it('says, once booted on a native-only lesson away from native mode, what grades here and that Run does not', async () => {
    const engine: Engine = {
      kind: 'browser',
      boot: async (onStatus) => onStatus({ phase: 'ready', message: 'Ready: lessons run in this browser.' }),
      start: () => Promise.reject(new Error('must not start')),
      test: () => Promise.reject(new Error('not graded here')),
      stop: async () => {},
      dispose: () => {},
    };
    const state = initialState();
    const native = { ...bundle, lesson: { ...bundle.lesson, number: 5, requiresNative: true } };
    const session = new PlaygroundSession(native, engine, state, { write: () => {}, edits: () => ({}) });
    await expect(session.boot()).resolves.toBe(true);
    expect(state.status).toEqual({
      phase: 'ready',
      message: 'Ready to grade exercises 01 here; Run needs native mode.',
    });
    // The same engine on a lesson that runs here keeps its own words.
    const everydayState = initialState();
    await new PlaygroundSession(bundle, engine, everydayState, { write: () => {}, edits: () => ({}) }).boot();
    expect(everydayState.status?.message).toBe('Ready: lessons run in this browser.');
  });

  /** A browser engine whose program prints and ends when the test says, and a session over it. */
  function scriptedRun(extra: Partial<Engine> = {}) {
    const program = { print: (_data: string) => {}, end: (_code: number) => {} };
    const engine: Engine = {
      kind: 'browser',
      boot: async () => {},
      start: async (request) => {
        program.print = request.onOutput;
        return { exit: new Promise<number | null>((resolve) => (program.end = resolve)) };
      },
      test: () => Promise.reject(new Error('not in this test')),
      stop: async () => program.end(0),
      dispose: () => {},
      ...extra,
    };
    const session = new PlaygroundSession(bundle, engine, initialState(), {
      write: () => {},
      edits: () => ({}),
    });
    return { program, session };
  }
  /** 'underway' if the promise resolves within 50 ms, 'waiting' if not. */
  const settled = (promise: Promise<void>) =>
    Promise.race([promise.then(() => 'underway'), new Promise((r) => setTimeout(() => r('waiting'), 50))]);

  it('tells the editor when a Run pressed before it is underway: at its first output, or when it ends', async () => {
    const { program, session } = scriptedRun();
    await expect(settled(session.whenRunUnderway(60_000))).resolves.toBe('underway'); // no Run: at once
    const run = session.run('');
    const underway = session.whenRunUnderway(60_000);
    await expect(settled(underway)).resolves.toBe('waiting'); // started, nothing printed yet
    program.print('Heartbeat 3\n');
    await expect(settled(underway)).resolves.toBe('underway');
    program.end(0);
    await run;
    const silent = session.run('');
    const limited = session.whenRunUnderway(10); // a program that prints nothing: the editor waits no longer
    await expect(settled(limited)).resolves.toBe('underway');
    program.end(0);
    await silent;
  });

  it('tells the editor only once the engine has also finished loading what the Run asked for', async () => {
    let settle: () => void = () => {};
    const limits: number[] = [];
    const { program, session } = scriptedRun({
      whenLoadsSettle: (limitMs) => {
        limits.push(limitMs);
        return new Promise<void>((resolve) => (settle = resolve));
      },
    });
    const run = session.run('');
    const underway = session.whenRunUnderway(60_000);
    await expect(settled(underway)).resolves.toBe('waiting'); // started, nothing printed yet
    expect(limits).toEqual([]);
    program.print('telemetry: steady-telemetry:1\n'); // printed before the actors' threads have loaded
    await expect(settled(underway)).resolves.toBe('waiting');
    expect(limits).toHaveLength(1);
    expect(limits[0]).toBeGreaterThan(59_500); // what is left of the editor's limit, not a new one
    expect(limits[0]).toBeLessThanOrEqual(60_000);
    settle();
    await expect(settled(underway)).resolves.toBe('underway');
    program.end(0);
    await run;
  });

  it('reads telemetry lines through colours', () => {
    expect(telemetryAddress('\x1b[32mtelemetry: http://127.0.0.1:9901\x1b[0m')).toBe('http://127.0.0.1:9901');
    expect(telemetryAddress('telemetry: (telemetry not available yet)')).toBeUndefined();
  });

  it("asks the dashboard for its embedded view (the panel) and the page's theme, keeping the rest of its address", () => {
    expect(dashboardView('http://127.0.0.1:9901', { embed: true, dark: false })).toBe(
      'http://127.0.0.1:9901/?embed=&theme=light',
    );
    expect(
      dashboardView('https://abc--9901.local-credentialless.webcontainer-api.io/?x=1', {
        embed: true,
        dark: true,
      }),
    ).toBe('https://abc--9901.local-credentialless.webcontainer-api.io/?x=1&embed=&theme=dark');
    // The enlarged box: the whole dashboard, in the page's theme.
    expect(dashboardView('http://127.0.0.1:9901/', { dark: true })).toBe('http://127.0.0.1:9901/?theme=dark');
    expect(dashboardView('http://[oops', { embed: true, dark: true })).toBe('http://[oops'); // not a URL: shown as printed
  });
});
