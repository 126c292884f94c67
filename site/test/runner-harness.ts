/**
 * A native runner for tests: the site server over a one-page dist, with known secrets and its own
 * working copies inside the repository (so a lesson resolves @steady/runtime as it does for a
 * learner), and clients that log in the way a browser does.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { LESSONS_DIR, REPO_ROOT } from '../src/node/lessons.ts';
import { type SiteServer, type SiteServerOptions, startSiteServer } from '../src/node/serve.ts';
import type { ServerMessage } from '../src/shared/protocol.ts';

export const LOGIN_CODE = 'login-code-0123456789';
export const LESSON = '01-minimum';

export interface Harness {
  readonly site: SiteServer;
  readonly origin: string;
  readonly workRoot: string;
  /** Lines the runner logged (refused and broken connections). */
  readonly log: string[];
  /** The `Cookie` header a browser holds after opening the login URL. */
  cookie(): Promise<string>;
  close(): Promise<void>;
}

export interface HttpAnswer {
  readonly status: number;
  readonly body: string;
  readonly headers: Record<string, string | string[] | undefined>;
}

export function get(url: string, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

export async function startHarness(options: Partial<SiteServerOptions> = {}): Promise<Harness> {
  const dist = mkdtempSync(join(tmpdir(), 'steady-dist-'));
  writeFileSync(
    join(dist, 'index.html'),
    '<!doctype html><html><head><title>t</title></head><body>hi</body></html>',
  );
  const workRoot = join(REPO_ROOT, '.work', `test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
  mkdirSync(workRoot, { recursive: true });
  const log: string[] = [];
  const site = await startSiteServer({
    native: true,
    secrets: { loginCode: LOGIN_CODE },
    distDir: dist,
    workRoot,
    lessonsDir: LESSONS_DIR,
    log: (line) => log.push(line),
    ...options,
  });
  const origin = site.url.replace(/\/$/, '');
  let cookie: string | undefined;
  return {
    site,
    origin,
    workRoot,
    log,
    async cookie() {
      if (!cookie) {
        const answer = await get(`${origin}/__steady/login/${LOGIN_CODE}`);
        const set = answer.headers['set-cookie']?.[0];
        if (answer.status !== 303 || !set) throw new Error(`login failed with ${answer.status}`);
        cookie = set.split(';')[0]!;
      }
      return cookie;
    },
    async close() {
      await site.close();
      rmSync(dist, { recursive: true, force: true });
      rmSync(workRoot, { recursive: true, force: true });
    },
  };
}

export const runnerUrl = (h: Harness) => `${h.origin.replace('http', 'ws')}/__steady/runner`;

/** Opens a socket; resolves with it once open, or with the HTTP status it was refused with. */
export function open(
  h: Harness,
  headers: Record<string, string>,
  protocols: string[] = ['steady-runner'],
): Promise<WebSocket | number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(runnerUrl(h), protocols, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', reject);
  });
}

/** A page that opened the login link: the site's Origin and the runner's cookie. */
export async function connected(h: Harness): Promise<WebSocket> {
  const ws = await open(h, { Origin: h.origin, Cookie: await h.cookie() });
  if (typeof ws === 'number') throw new Error(`refused with ${ws}`);
  return ws;
}

/** Collects messages until `until` says stop (or times out with what it saw). */
export function collect(
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

/** Resolves with the close code once the server closes the socket. */
export function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
}

export const runMessage = (patch: object) => ({
  type: 'run',
  id: 7,
  lesson: LESSON,
  command: 'start',
  args: [],
  files: {},
  ...patch,
});

/** Output text seen so far. */
export const outputOf = (all: readonly ServerMessage[]) =>
  all.map((m) => (m.type === 'output' ? m.data : '')).join('');
