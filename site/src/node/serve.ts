/**
 * Serves the built site on loopback with cross-origin isolation headers on every response (what
 * `vitepress preview` cannot do) and, in native mode, the runner on the same origin. No page carries
 * the runner's secret: the login URL printed by `npm start` hands this browser a cookie instead.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Duplex } from 'node:stream';
import { LOGIN_PATH, RUNNER_META, SESSION_PATH } from '../shared/protocol.ts';
import { LESSONS_DIR, REPO_ROOT } from './lessons.ts';
import { killChildrenOnExit } from './processes.ts';
import { attachRunner, type Runner, refuseUpgrade } from './runner.ts';
import { RunnerAccess } from './runner-access.ts';
import { setIsolationHeaders } from './vite-plugin.ts';

export const SITE_ROOT = resolve(REPO_ROOT, 'site');
export const DIST_DIR = join(SITE_ROOT, '.vitepress', 'dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export interface SiteServerOptions {
  readonly distDir?: string;
  readonly port?: number;
  /** Native mode: run lessons on this machine through the runner. */
  readonly native: boolean;
  readonly workRoot?: string;
  readonly lessonsDir?: string;
  /** Fixed secrets (tests); random ones per start otherwise. */
  readonly secrets?: { readonly loginCode?: string; readonly cookieSecret?: string };
  /** Runs going at once across every page (native mode). */
  readonly maxRuns?: number;
  /** Lesson pages connected to the runner at once (native mode). */
  readonly maxSessions?: number;
  /** Where the runner reports refused or broken connections (default: stderr). */
  readonly log?: (line: string) => void;
}

export interface SiteServer {
  readonly server: Server;
  readonly url: string;
  /** Native mode: the URL that hands a browser the runner's cookie (what `npm start` prints). */
  readonly loginUrl: string | undefined;
  readonly runner: Runner | undefined;
  close(): Promise<void>;
}

/** The file a URL path names inside `dist` (clean URLs: `/a/b` → `/a/b.html`), or undefined. */
export function resolveStatic(distDir: string, urlPath: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return undefined;
  }
  if (path.includes('\0')) return undefined;
  const base = resolve(distDir);
  const candidates = path.endsWith('/')
    ? [`${path}index.html`]
    : [path, `${path}.html`, `${path}/index.html`];
  for (const candidate of candidates) {
    const full = resolve(base, `.${normalize(`/${candidate}`)}`);
    if (full !== base && !full.startsWith(base + sep)) return undefined;
    if (existsSync(full) && statSync(full).isFile()) return full;
  }
  return undefined;
}

export async function startSiteServer(options: SiteServerOptions): Promise<SiteServer> {
  const distDir = options.distDir ?? DIST_DIR;
  let port = 0;
  const hosts = () => [`127.0.0.1:${port}`, `localhost:${port}`];
  const access = options.native ? new RunnerAccess(hosts, options.secrets) : undefined;

  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    setIsolationHeaders(res);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // No other site may frame the course (clickjacking the Run button).
    res.setHeader('Content-Security-Policy', "frame-ancestors 'self'");
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    // DNS rebinding: a foreign name pointing at 127.0.0.1 must not get our pages nor the cookie.
    if (!hosts().includes(req.headers.host ?? '')) {
      res.writeHead(421, { 'Content-Type': 'text/plain' }).end('Misdirected request: use 127.0.0.1\n');
      return;
    }
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (access && path.startsWith(LOGIN_PATH)) {
      access.login(path, res);
      return;
    }
    if (access && path === SESSION_PATH) {
      res.writeHead(access.hasCookie(req) ? 204 : 401, { 'Cache-Control': 'no-store' }).end();
      return;
    }
    let file = resolveStatic(distDir, req.url ?? '/');
    let status = 200;
    if (!file) {
      file = resolveStatic(distDir, '/404.html');
      status = 404;
      if (!file) {
        res.writeHead(404).end('not found');
        return;
      }
    }
    const ext = extname(file);
    const type = TYPES[ext] ?? 'application/octet-stream';
    if (ext === '.html') {
      let html = await readFile(file, 'utf8');
      if (access) html = html.replace('<head>', `<head><meta name="${RUNNER_META}" content="native">`);
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : html);
      return;
    }
    const immutable = file.includes(`${sep}assets${sep}`);
    res.writeHead(status, {
      'Content-Type': type,
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  };

  const server = createServer((req, res) => {
    handler(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  const runner = access
    ? attachRunner(server, {
        access,
        origins: () => hosts().map((h) => `http://${h}`),
        lessonsDir: options.lessonsDir ?? LESSONS_DIR,
        workRoot: options.workRoot ?? join(REPO_ROOT, '.work'),
        ...(options.maxRuns !== undefined ? { maxRuns: options.maxRuns } : {}),
        ...(options.maxSessions !== undefined ? { maxSessions: options.maxSessions } : {}),
        ...(options.log ? { log: options.log } : {}),
      })
    : undefined;
  if (runner) killChildrenOnExit();
  // Without the runner nothing here speaks WebSocket: answer and close every upgrade at once.
  else server.on('upgrade', (_req, socket: Duplex) => refuseUpgrade(socket, 404, 'Not Found'));

  await listen(server, options.port ?? 0);
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;
  return {
    server,
    url,
    loginUrl: access?.loginUrl(url),
    runner,
    async close() {
      await runner?.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

/** Listens on 127.0.0.1 only; a busy port falls back to the next few, then to any free one. */
async function listen(server: Server, port: number): Promise<void> {
  const attempt = (p: number) =>
    new Promise<boolean>((done, fail) => {
      const onError = (error: NodeJS.ErrnoException) => {
        server.off('listening', onListening);
        if (error.code === 'EADDRINUSE') done(false);
        else fail(error);
      };
      const onListening = () => {
        server.off('error', onError);
        done(true);
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen(p, '127.0.0.1');
    });
  if (port === 0) {
    await attempt(0);
    return;
  }
  for (let p = port; p < port + 10; p++) if (await attempt(p)) return;
  await attempt(0);
}
