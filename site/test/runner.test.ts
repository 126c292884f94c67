/**
 * The native runner refuses what it must: no cookie, a foreign Origin, a foreign Host, unknown
 * commands and lessons, odd arguments, writes outside the lesson's editable files. It keeps no
 * secret in its pages: only the printed login URL hands a browser the cookie. And it does its job:
 * runs lesson 01, streams its output, stops it as Ctrl-C does (then hard), and kills it when its page goes.
 */
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitUntil } from '@steady/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { LESSONS_DIR } from '../src/node/lessons.ts';
import { groupAlive, liveChildren } from '../src/node/processes.ts';
import type { ServerMessage } from '../src/shared/protocol.ts';
import {
  collect,
  connected,
  get,
  type Harness,
  LESSON,
  LOGIN_CODE,
  open,
  outputOf,
  runMessage as run,
  startHarness,
} from './runner-harness.ts';

let h: Harness;
let origin: string;
let workRoot: string;

beforeAll(async () => {
  h = await startHarness();
  origin = h.origin;
  workRoot = h.workRoot;
});

afterAll(async () => {
  await h?.close();
});

async function refusal(message: object): Promise<string> {
  const ws = await connected(h);
  const seen = collect(ws, (m) => m.type === 'exit');
  ws.send(JSON.stringify(message));
  const all = await seen;
  ws.close();
  const error = all.find((m) => m.type === 'error');
  return error && 'message' in error ? error.message : 'no error';
}

describe('native runner: who may connect', () => {
  it('refuses a connection without the cookie, or with a wrong one', async () => {
    expect(await open(h, { Origin: origin })).toBe(401);
    expect(await open(h, { Origin: origin, Cookie: `${(await h.cookie()).split('=')[0]}=guess` })).toBe(401);
    // The old way (a secret as a sub-protocol) opens nothing either.
    expect(await open(h, { Origin: origin }, ['steady-runner', `token.${LOGIN_CODE}`])).toBe(401);
  });

  it('refuses a foreign Origin or Host even with the cookie', async () => {
    const cookie = await h.cookie();
    expect(await open(h, { Origin: 'https://evil.example', Cookie: cookie })).toBe(403);
    expect(await open(h, { Cookie: cookie })).toBe(403);
    expect(
      await open(h, { Origin: origin, Cookie: cookie, Host: `evil.example:${new URL(origin).port}` }),
    ).toBe(421);
  });

  it('keeps the secret out of every page: GET / grants nothing, the printed login URL does', async () => {
    const page = await get(`${origin}/`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<meta name="steady-runner" content="native">');
    expect(page.body).not.toContain(LOGIN_CODE);
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(page.headers['content-security-policy']).toBe("frame-ancestors 'self'");
    expect(page.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(page.headers['cross-origin-embedder-policy']).toBe('require-corp');
    // A client with only the page cannot open the runner, nor pass the session probe.
    expect(await open(h, { Origin: origin })).toBe(401);
    expect((await get(`${origin}/__steady/session`)).status).toBe(401);

    expect(h.site.loginUrl).toBe(`${origin}/__steady/login/${LOGIN_CODE}`);
    const wrong = await get(`${origin}/__steady/login/guess`);
    expect(wrong.status).toBe(403);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    expect(wrong.body).toMatch(/Open the link that `npm start` printed/);
    const login = await get(h.site.loginUrl!);
    expect(login.status).toBe(303);
    expect(login.headers.location).toBe('/');
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toContain(LOGIN_CODE);
    // Opening the printed URL again works (a second browser, or after clearing cookies).
    expect((await get(h.site.loginUrl!)).status).toBe(303);
    const holder = { Cookie: cookie.split(';')[0]! };
    expect((await get(`${origin}/__steady/session`, holder)).status).toBe(204);
    const ws = await open(h, { Origin: origin, ...holder });
    expect(typeof ws).not.toBe('number');
    if (typeof ws !== 'number') ws.close();
  });

  it('serves its pages only on its own host name (DNS rebinding)', async () => {
    const rebound = await get(`${origin}/`, { Host: `evil.example:${new URL(origin).port}` });
    expect(rebound.status).toBe(421);
    const login = await get(`${origin}/__steady/login/${LOGIN_CODE}`, {
      Host: `evil.example:${new URL(origin).port}`,
    });
    expect(login.status).toBe(421);
    expect(login.headers['set-cookie']).toBeUndefined();
  });

  it('listens on loopback only', () => {
    const address = h.site.server.address();
    expect(typeof address === 'object' && address?.address).toBe('127.0.0.1');
  });
});

describe('native runner: what it will do', () => {
  it('refuses an unknown command', async () => {
    expect(await refusal(run({ command: 'exec', args: ['rm', '-rf', '/'] }))).toMatch(
      /unknown command "exec"/,
    );
  });

  it('refuses an unknown lesson and a lesson name that climbs out', async () => {
    expect(await refusal(run({ lesson: '99-nope' }))).toMatch(/unknown lesson/);
    expect(await refusal(run({ lesson: '../runtime' }))).toMatch(/unknown lesson/);
  });

  it('refuses arguments that are not plain tokens', async () => {
    expect(await refusal(run({ args: ['--rate', '1; rm -rf ~'] }))).toMatch(/not allowed/);
    expect(await refusal(run({ args: ['$(id)'] }))).toMatch(/not allowed/);
  });

  it('refuses writes outside the lesson, to tests, and to files the lesson does not have', async () => {
    expect(await refusal(run({ files: { '../../package.json': 'x' } }))).toMatch(/leaves the lesson/);
    expect(await refusal(run({ files: { '/etc/passwd': 'x' } }))).toMatch(/absolute/);
    expect(await refusal(run({ files: { 'src/../../x.ts': 'x' } }))).toMatch(/leaves the lesson/);
    expect(await refusal(run({ files: { 'exercises/01-stop-after-beats/heartbeat.test.ts': 'x' } }))).toMatch(
      /not an editable file/,
    );
    expect(await refusal(run({ files: { 'src/new.ts': 'x' } }))).toMatch(/not an editable file/);
  });

  it('repairs a working copy that lesson code damaged, never following a planted link', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'steady-outside-'));
    const copy = join(workRoot, LESSON);
    rmSync(copy, { recursive: true, force: true });
    mkdirSync(copy, { recursive: true });
    symlinkSync(outside, join(copy, 'src')); // a planted link where a folder belongs
    mkdirSync(join(copy, 'package.json')); // a folder where a file belongs
    try {
      const ws = await connected(h);
      const done = collect(ws, (m) => m.type === 'exit', 40_000);
      ws.send(
        JSON.stringify(
          run({
            args: ['--rate', '20', '--beats', '1'],
            files: { 'src/main.ts': readFileSync(join(LESSONS_DIR, LESSON, 'src/main.ts'), 'utf8') },
          }),
        ),
      );
      const all = await done;
      ws.close();
      expect(all.at(-1), outputOf(all)).toMatchObject({ type: 'exit', code: 0 });
      expect(existsSync(join(outside, 'main.ts'))).toBe(false);
      expect(lstatSync(join(copy, 'src')).isDirectory()).toBe(true);
      expect(lstatSync(join(copy, 'package.json')).isFile()).toBe(true);
      // And a removed folder comes back at the next run.
      rmSync(join(copy, 'src'), { recursive: true });
      const again = await connected(h);
      const twice = collect(again, (m) => m.type === 'exit', 40_000);
      again.send(JSON.stringify(run({ args: ['--rate', '20', '--beats', '1'] })));
      expect((await twice).at(-1)).toMatchObject({ type: 'exit', code: 0 });
      again.close();
    } finally {
      rmSync(copy, { recursive: true, force: true });
      rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('native runner: running lesson 01', () => {
  it('runs npm start with the edited file and streams the heartbeat', async () => {
    const ws = await connected(h);
    const source = readFileSync(join(LESSONS_DIR, LESSON, 'src/main.ts'), 'utf8');
    const edited = source.replace('graph.start();', "graph.start();\n  console.log('edited by the test');");
    const done = collect(ws, (m) => m.type === 'exit', 40_000);
    ws.send(
      JSON.stringify(run({ args: ['--rate', '50', '--beats', '2'], files: { 'src/main.ts': edited } })),
    );
    const all = await done;
    ws.close();
    const output = outputOf(all);
    expect(output).toContain('edited by the test');
    expect(output).toMatch(/Heartbeat 1 \(rate 50 ms\)/);
    expect(all.at(-1)).toMatchObject({ type: 'exit', code: 0 });
    expect(readFileSync(join(workRoot, LESSON, 'src/main.ts'), 'utf8')).toBe(edited);
    expect(readFileSync(join(LESSONS_DIR, LESSON, 'src/main.ts'), 'utf8')).toBe(source);
  });

  it('shows a file that does not compile as the compiler’s message with its line, not esbuild’s stack', async () => {
    const ws = await connected(h);
    const source = readFileSync(join(LESSONS_DIR, LESSON, 'src/args.ts'), 'utf8');
    const broken = source.replace('DEFAULT_ARGS.beats);', 'DEFAULT_ARGS.beats;'); // a missing parenthesis
    expect(broken).not.toBe(source);
    const done = collect(ws, (m) => m.type === 'exit', 40_000);
    ws.send(JSON.stringify(run({ id: 7, args: [], files: { 'src/args.ts': broken } })));
    const all = await done;
    ws.close();
    const output = outputOf(all);
    expect(output).toMatch(/^src\/args\.ts:\d+:\d+: Expected "\)" but found ";"$/m);
    expect(output).toContain('DEFAULT_ARGS.beats;');
    expect(output).not.toContain('esbuild');
    expect(all.at(-1)).toMatchObject({ type: 'exit', code: 1 });
  });

  it('stops a run as Ctrl-C does, kills the whole process tree, and kills it when the page goes away', async () => {
    const ws = await connected(h);
    /** Starts a long run and resolves with its process id once the lesson has printed a beat. */
    const startLongRun = async (id: number, files: Record<string, string> = {}) => {
      const beating = collect(ws, (_m, all) => outputOf(all).includes('Heartbeat'), 40_000);
      ws.send(JSON.stringify(run({ id, files, args: ['--rate', '100', '--beats', '1000'] })));
      return (await beating).find((m) => m.type === 'started')?.pid;
    };
    const pid = await startLongRun(8);
    expect(pid).toBeGreaterThan(0);
    const exited = collect(ws, (m) => m.type === 'exit', 10_000);
    ws.send(JSON.stringify({ type: 'stop', id: 8 }));
    const stopping = await exited;
    // The program heard the interrupt and shut its graph down, as Ctrl-C does in a terminal; its
    // input is no terminal, so it names no key the learner could press.
    // It then ended as it would have on its own: exit code 0, the program's own (no npm between).
    expect(outputOf(stopping)).toContain('Interrupted: the graph is shutting down');
    expect(stopping.at(-1)).toMatchObject({ type: 'exit', code: 0, signal: null });
    expect(liveChildren()).toBe(0);
    // The whole process group is gone: the lesson's node process and its worker threads.
    expect(groupAlive(pid!)).toBe(false);

    // A program that ignores Ctrl-C is stopped hard once the grace period is over.
    const deaf =
      "process.on('SIGINT', () => console.log('not stopping'));\nsetInterval(() => console.log('Heartbeat'), 100);\n";
    const deafPid = await startLongRun(10, { 'src/main.ts': deaf });
    const killed = collect(ws, (m) => m.type === 'exit', 15_000);
    ws.send(JSON.stringify({ type: 'stop', id: 10 }));
    const hard = await killed;
    expect(outputOf(hard)).toContain('not stopping');
    expect(hard.at(-1)).toMatchObject({ type: 'exit', code: null });
    expect(groupAlive(deafPid!)).toBe(false);

    // Stop pressed again while it ignores the first one ends it at once, as a second Ctrl-C does:
    // long before the grace period (3 s, some 30 beats) is over.
    const againPid = await startLongRun(11, { 'src/main.ts': deaf });
    const ended = collect(ws, (m) => m.type === 'exit', 15_000);
    const heard = collect(ws, (_m, all) => outputOf(all).includes('not stopping'), 10_000);
    ws.send(JSON.stringify({ type: 'stop', id: 11 }));
    await heard;
    ws.send(JSON.stringify({ type: 'stop', id: 11 }));
    const again = outputOf(await ended);
    expect(again.slice(again.indexOf('not stopping')).match(/Heartbeat/g)?.length ?? 0).toBeLessThan(15);
    expect(groupAlive(againPid!)).toBe(false);

    const pid2 = await startLongRun(9);
    expect(liveChildren()).toBe(1);
    ws.close(); // the page closed
    await waitUntil(() => liveChildren() === 0, 10_000, 'the run to be killed after the page closed', 50);
    expect(groupAlive(pid2!)).toBe(false);
  });
});

describe('native runner: grading lesson 01', () => {
  /** Runs Test and resolves with the parsed report, the exit code and how long it took. */
  async function test(patch: object = {}, on: Harness = h) {
    const ws = await connected(on);
    const started = performance.now();
    const done = collect(ws, (m) => m.type === 'exit', 120_000);
    ws.send(JSON.stringify(run({ id: 30, command: 'test', ...patch })));
    const all = await done;
    ws.close();
    const grade = all.find((m) => m.type === 'grade');
    if (grade?.type !== 'grade') throw new Error(`no grade; output:\n${outputOf(all)}`);
    return {
      report: JSON.parse(grade.report) as {
        passed: number;
        total: number;
        exercises: { id: string; passed: boolean; tests: { name: string; passed: boolean }[] }[];
      },
      exit: all.at(-1),
      ms: performance.now() - started,
    };
  }

  it('grades again through the warm grader: the same report, faster, and always the files as sent', async () => {
    // A run killed just before (the last test's) holds its working copy until its process group
    // is gone: a Test meanwhile would get a second copy, and a grader of its own.
    await waitUntil(() => h.site.runner!.runs() === 0, 10_000, 'the runs before to settle', 50);
    const first = await test();
    const second = await test();
    console.log(
      `Test of lesson 01 in native mode: first ${first.ms.toFixed(0)} ms, second ${second.ms.toFixed(0)} ms (warm)`,
    );
    expect(h.site.runner!.warmGraders()).toBe(1);
    // The same results; a failure's wording may differ between runs (a starter that never stops
    // logs as many beats as the test's time allows), so pass/fail is compared test by test.
    const outcome = (r: typeof first.report) =>
      r.exercises.map((e) => ({ id: e.id, passed: e.passed, tests: e.tests.map((t) => [t.name, t.passed]) }));
    expect(outcome(second.report)).toEqual(outcome(first.report));
    expect(second.exit).toEqual(first.exit);
    expect(first.report.total).toBe(4);
    expect(second.ms).toBeLessThan(first.ms);

    // An edit sent with the next Test is what the warm grader grades.
    const exercise = 'exercises/03-validate-rate';
    const solved = readFileSync(join(LESSONS_DIR, LESSON, exercise, 'solution/args.ts'), 'utf8');
    const third = await test({ files: { [`${exercise}/args.ts`]: solved } });
    expect(third.report.exercises.find((e) => e.id === '03-validate-rate')?.passed).toBe(true);
    expect(third.report.passed).toBe(first.report.passed + 1);

    // Test this exercise: only it is graded, and the exit code is its own.
    const one = await test({ exercise: '03-validate-rate', files: { [`${exercise}/args.ts`]: solved } });
    expect(one.report.exercises.map((e) => e.id)).toEqual(['03-validate-rate']);
    expect(one.exit).toMatchObject({ type: 'exit', code: 0 });
  }, 300_000);

  it('a Run leaves its copy’s grader warm for the Test after it (started by no Test, no new process for the Test)', async () => {
    const fresh = await startHarness(); // a runner with no grader yet
    try {
      const page = await connected(fresh);
      const ran = collect(page, (m) => m.type === 'exit', 40_000);
      page.send(JSON.stringify(run({ id: 31, args: ['--rate', '20', '--beats', '1'] })));
      expect((await ran).at(-1)).toMatchObject({ type: 'exit', code: 0 });
      expect(fresh.site.runner!.warmGraders()).toBe(0); // not while the learner may run again at once
      await waitUntil(
        () => fresh.site.runner!.warmGraders() === 1,
        20_000,
        'a grader to start after the Run',
        50,
      );
      const graders = liveChildren();
      const graded = await test({}, fresh);
      expect(graded.report.total).toBe(4);
      expect(liveChildren()).toBe(graders);
      expect(fresh.site.runner!.warmGraders()).toBe(1);
      page.close();
    } finally {
      await fresh.close();
    }
  }, 300_000);

  it('refuses an exercise name that is not an exercise id', async () => {
    expect(await refusal(run({ command: 'test', exercise: '../../x' }))).toMatch(/is not an exercise id/);
  });
});

describe('native runner: two pages on the same lesson', () => {
  it('each runs and grades its own files: a second page gets a copy of its own while the first one runs', async () => {
    const source = readFileSync(join(LESSONS_DIR, LESSON, 'src/main.ts'), 'utf8');
    const marked = (mark: string) =>
      source.replace('graph.start();', `graph.start();\n  console.log('${mark}');`);
    const text = (all: { type: string; data?: string }[]) => all.map((m) => m.data ?? '').join('');
    const exited = (m: ServerMessage) => m.type === 'exit';
    /** Sends a run on `page` and resolves with what came back until `until` (its exit by default). */
    const request = (
      page: WebSocket,
      patch: object,
      until: (m: ServerMessage, all: ServerMessage[]) => boolean = exited,
      ms = 40_000,
    ) => {
      const seen = collect(page, until, ms);
      page.send(JSON.stringify(run(patch)));
      return seen;
    };
    /** A one-beat run of lesson 01 with `mark` printed by its main. */
    const shortRun = (id: number, mark: string) => ({
      id,
      args: ['--rate', '20', '--beats', '1'],
      files: { 'src/main.ts': marked(mark) },
    });
    const [first, second] = await Promise.all([connected(h), connected(h)]);
    try {
      // The first page runs a long program from the lesson's copy…
      await request(
        first,
        {
          id: 1,
          args: ['--rate', '100', '--beats', '1000'],
          files: { 'src/main.ts': marked('from the first page') },
        },
        (_m, all) => /from the first page[\s\S]*Heartbeat/.test(text(all)),
      );
      // …while the second runs its own edit, and grades its own answer, in a second copy.
      const output = text(await request(second, shortRun(2, 'from the second page')));
      expect(output).toContain('from the second page');
      expect(output).not.toContain('from the first page');
      expect(readFileSync(join(workRoot, LESSON, 'src/main.ts'), 'utf8')).toContain('from the first page');
      expect(readFileSync(join(workRoot, `${LESSON}.2`, 'src/main.ts'), 'utf8')).toContain(
        'from the second page',
      );
      const exercise = 'exercises/03-validate-rate';
      const solved = readFileSync(join(LESSONS_DIR, LESSON, exercise, 'solution/args.ts'), 'utf8');
      const graded = await request(
        second,
        { id: 3, command: 'test', exercise: '03-validate-rate', files: { [`${exercise}/args.ts`]: solved } },
        exited,
        120_000,
      );
      const grade = graded.find((m) => m.type === 'grade');
      expect(grade?.type === 'grade' && JSON.parse(grade.report).passed).toBe(1);
      expect(existsSync(join(workRoot, LESSON, '.steady/grade.json'))).toBe(false); // the first page's copy has no report

      // Once the first page's run has stopped, the lesson's copy is free for any page again.
      const stopped = collect(first, exited, 20_000);
      first.send(JSON.stringify({ type: 'stop', id: 1 }));
      await stopped;
      expect((await request(second, shortRun(4, 'second page, again'))).at(-1)).toMatchObject({
        type: 'exit',
        code: 0,
      });
      expect(readFileSync(join(workRoot, LESSON, 'src/main.ts'), 'utf8')).toContain('second page, again');
    } finally {
      first.close();
      second.close();
    }
    // Only the idle warm graders are left (one per copy that was graded in).
    await waitUntil(() => liveChildren() === h.site.runner!.warmGraders(), 20_000, 'every run to end', 50);
  }, 300_000);
});
