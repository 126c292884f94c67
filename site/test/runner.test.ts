/**
 * The native runner refuses what it must: no token, a foreign Origin, a foreign Host, unknown
 * commands and lessons, odd arguments, writes outside the lesson's editable files, symlinks out.
 * And it does its job: runs lesson 01, streams its output, and kills it on stop.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { LESSONS_DIR, REPO_ROOT } from '../src/node/lessons.ts';
import { groupAlive, liveChildren } from '../src/node/processes.ts';
import { type SiteServer, startSiteServer } from '../src/node/serve.ts';
import type { ServerMessage } from '../src/shared/protocol.ts';

const TOKEN = 'test-secret-0123456789';
const LESSON = '01-minimum';
let site: SiteServer;
let dist: string;
let workRoot: string;
let origin: string;

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'steady-dist-'));
  writeFileSync(
    join(dist, 'index.html'),
    '<!doctype html><html><head><title>t</title></head><body>hi</body></html>',
  );
  // Inside the repository, so the working copy resolves @steady/runtime like a lesson does.
  workRoot = join(REPO_ROOT, '.work', `test-${process.pid}`);
  mkdirSync(workRoot, { recursive: true });
  site = await startSiteServer({
    native: true,
    token: TOKEN,
    distDir: dist,
    workRoot,
    lessonsDir: LESSONS_DIR,
  });
  origin = site.url.replace(/\/$/, '');
});

afterAll(async () => {
  await site?.close();
  rmSync(dist, { recursive: true, force: true });
  rmSync(workRoot, { recursive: true, force: true });
});

const wsUrl = () => `${origin.replace('http', 'ws')}/__steady/runner`;

/** Opens a socket; resolves with it once open, or with the HTTP status it was refused with. */
function open(
  protocols: string[],
  headers: Record<string, string> = { Origin: origin },
): Promise<WebSocket | number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl(), protocols, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', reject);
  });
}

/** Collects messages until `until` says stop (or times out with what it saw). */
function collect(
  ws: WebSocket,
  until: (m: ServerMessage, all: ServerMessage[]) => boolean,
  ms = 20_000,
): Promise<ServerMessage[]> {
  return new Promise((resolve, reject) => {
    const all: ServerMessage[] = [];
    const timer = setTimeout(
      () => reject(new Error(`timed out; saw ${JSON.stringify(all).slice(0, 800)}`)),
      ms,
    );
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as ServerMessage;
      all.push(message);
      if (until(message, all)) {
        clearTimeout(timer);
        resolve(all);
      }
    });
  });
}

async function connected(): Promise<WebSocket> {
  const ws = await open(['steady-runner', `token.${TOKEN}`]);
  if (typeof ws === 'number') throw new Error(`refused with ${ws}`);
  return ws;
}

async function refusal(message: object): Promise<string> {
  const ws = await connected();
  const seen = collect(ws, (m) => m.type === 'exit');
  ws.send(JSON.stringify(message));
  const all = await seen;
  ws.close();
  const error = all.find((m) => m.type === 'error');
  return error && 'message' in error ? error.message : 'no error';
}

const run = (patch: object) => ({
  type: 'run',
  id: 7,
  lesson: LESSON,
  command: 'start',
  args: [],
  files: {},
  ...patch,
});

describe('native runner: who may connect', () => {
  it('refuses a connection without the token', async () => {
    expect(await open(['steady-runner'])).toBe(401);
  });

  it('refuses a wrong token', async () => {
    expect(await open(['steady-runner', 'token.guess'])).toBe(401);
  });

  it('refuses a foreign Origin even with the right token', async () => {
    expect(await open(['steady-runner', `token.${TOKEN}`], { Origin: 'https://evil.example' })).toBe(403);
    expect(await open(['steady-runner', `token.${TOKEN}`], {})).toBe(403);
  });

  it('hands the token only to pages it serves on its own host name', async () => {
    const page = (host: string) =>
      new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
        const req = request(`${origin}/`, { headers: { Host: host } }, (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
        });
        req.on('error', reject);
        req.end();
      });
    const own = await page(new URL(origin).host);
    expect(own.body).toContain(`<meta name="steady-runner-token" content="${TOKEN}">`);
    expect(own.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(own.headers['cross-origin-embedder-policy']).toBe('require-corp');
    const rebound = await page(`evil.example:${new URL(origin).port}`);
    expect(rebound.status).toBe(421);
    expect(rebound.body).not.toContain(TOKEN);
  });

  it('listens on loopback only', () => {
    const address = site.server.address();
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

  it('refuses to follow a symlink out of the working copy', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'steady-outside-'));
    const copy = join(workRoot, LESSON);
    rmSync(copy, { recursive: true, force: true });
    mkdirSync(copy, { recursive: true });
    symlinkSync(outside, join(copy, 'src'));
    try {
      expect(await refusal(run({ files: { 'src/main.ts': 'pwned' } }))).toMatch(/symlink/);
      expect(existsSync(join(outside, 'main.ts'))).toBe(false);
    } finally {
      rmSync(copy, { recursive: true, force: true });
      rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('native runner: running lesson 01', () => {
  it('runs npm start with the edited file and streams the heartbeat', async () => {
    const ws = await connected();
    const source = readFileSync(join(LESSONS_DIR, LESSON, 'src/main.ts'), 'utf8');
    const edited = source.replace('graph.start();', "graph.start();\n  console.log('edited by the test');");
    const done = collect(ws, (m) => m.type === 'exit', 40_000);
    ws.send(
      JSON.stringify(run({ args: ['--rate', '50', '--beats', '2'], files: { 'src/main.ts': edited } })),
    );
    const all = await done;
    ws.close();
    const output = all.map((m) => (m.type === 'output' ? m.data : '')).join('');
    expect(output).toContain('edited by the test');
    expect(output).toMatch(/Heartbeat 1 \(rate 50 ms\)/);
    expect(all.at(-1)).toMatchObject({ type: 'exit', code: 0 });
    expect(readFileSync(join(workRoot, LESSON, 'src/main.ts'), 'utf8')).toBe(edited);
    expect(readFileSync(join(LESSONS_DIR, LESSON, 'src/main.ts'), 'utf8')).toBe(source);
  });

  it('kills the whole process tree on stop, and when the page goes away', async () => {
    const ws = await connected();
    /** Starts a long run and resolves with its process id once the lesson has printed a beat. */
    const startLongRun = async (id: number) => {
      const beating = collect(
        ws,
        (_m, all) =>
          all
            .map((m) => (m.type === 'output' ? m.data : ''))
            .join('')
            .includes('Heartbeat'),
        40_000,
      );
      ws.send(JSON.stringify(run({ id, args: ['--rate', '100', '--beats', '1000'] })));
      return (await beating).find((m) => m.type === 'started')?.pid;
    };
    const pid = await startLongRun(8);
    expect(pid).toBeGreaterThan(0);
    const exited = collect(ws, (m) => m.type === 'exit', 10_000);
    ws.send(JSON.stringify({ type: 'stop', id: 8 }));
    expect((await exited).at(-1)).toMatchObject({ type: 'exit', code: null });
    expect(liveChildren()).toBe(0);
    // The whole process group is gone: npm, the shell, tsx and the lesson's node process.
    expect(groupAlive(pid!)).toBe(false);

    const pid2 = await startLongRun(9);
    expect(liveChildren()).toBe(1);
    ws.close(); // the page closed
    const deadline = Date.now() + 10_000;
    while (liveChildren() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(liveChildren()).toBe(0);
    expect(groupAlive(pid2!)).toBe(false);
  });
});
