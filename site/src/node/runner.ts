/**
 * The native runner: a WebSocket endpoint on the site's own loopback server that runs a known
 * lesson's `npm start` or `npm test` in the learner's working copy and streams the output back.
 *
 * Safety, in the order a request meets it: only the runner path; the Origin must be the site's
 * own; the per-start secret must come as a sub-protocol (only pages this server served know it);
 * then only `start`/`test` of a known lesson, with plain arguments, and writes limited to the
 * lesson's editable files in its working copy.
 */
import type { ChildProcess } from 'node:child_process';
import { timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { type WebSocket, WebSocketServer } from 'ws';
import {
  type ClientMessage,
  checkArgs,
  GRADE_FILE,
  RUNNER_PATH,
  RUNNER_PROTOCOL,
  type ServerMessage,
  TOKEN_PREFIX,
} from '../shared/protocol.ts';
import { listLessonIds } from './lessons.ts';
import { groupGone, killTree, spawnGroup } from './processes.ts';
import { RefusedError, WorkingCopies } from './working-copy.ts';

export interface RunnerOptions {
  readonly token: string;
  /** Origins allowed to connect, e.g. `http://127.0.0.1:5170`. */
  readonly origins: () => readonly string[];
  readonly lessonsDir: string;
  readonly workRoot: string;
}

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** Why an upgrade request is refused, or undefined when it may connect. */
export function checkUpgrade(
  req: IncomingMessage,
  options: RunnerOptions,
): { status: number; reason: string } | undefined {
  const origin = req.headers.origin;
  if (!origin || !options.origins().includes(origin)) return { status: 403, reason: 'Forbidden origin' };
  const offered = String(req.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((p) => p.trim());
  if (!offered.includes(RUNNER_PROTOCOL)) return { status: 400, reason: 'Bad protocol' };
  const token = offered.find((p) => p.startsWith(TOKEN_PREFIX))?.slice(TOKEN_PREFIX.length) ?? '';
  if (!token || !sameSecret(token, options.token)) return { status: 401, reason: 'Unauthorized' };
  return undefined;
}

/** One page's connection: at most one process at a time, killed when the page goes away. */
class Session {
  private child: ChildProcess | undefined;
  private runId = -1;

  constructor(
    private readonly ws: WebSocket,
    private readonly copies: WorkingCopies,
  ) {}

  send(message: ServerMessage): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(JSON.stringify(message));
  }

  async handle(raw: string): Promise<void> {
    let message: ClientMessage;
    try {
      message = JSON.parse(raw) as ClientMessage;
    } catch {
      this.send({ type: 'error', id: null, message: 'not JSON' });
      return;
    }
    if (message?.type === 'stop') {
      await this.stop();
      return;
    }
    if (message?.type !== 'run') {
      this.send({ type: 'error', id: null, message: 'unknown message type' });
      return;
    }
    const id = Number.isInteger(message.id) ? message.id : 0;
    try {
      await this.run({ ...message, id });
    } catch (error) {
      this.send({ type: 'error', id, message: error instanceof Error ? error.message : String(error) });
      this.send({ type: 'exit', id, code: null, signal: null });
    }
  }

  private async run(message: Extract<ClientMessage, { type: 'run' }>): Promise<void> {
    if (message.command !== 'start' && message.command !== 'test')
      throw new RefusedError(`unknown command ${JSON.stringify(message.command)}: only start and test`);
    if (typeof message.lesson !== 'string' || !listLessonIds(this.copies.lessonsDir).includes(message.lesson))
      throw new RefusedError(`unknown lesson ${JSON.stringify(message.lesson)}`);
    const args = Array.isArray(message.args) ? message.args : [];
    const problem = checkArgs(args);
    if (problem) throw new RefusedError(problem);
    const files = message.files && typeof message.files === 'object' ? message.files : {};
    await this.stop();
    const dir = this.copies.prepare(message.lesson, files);
    const npmArgs =
      message.command === 'start'
        ? ['run', 'start', '--silent', '--', ...args]
        : ['run', 'test', '--silent', '--', '--json', GRADE_FILE];
    const child = spawnGroup(NPM, npmArgs, dir, {
      ...process.env,
      FORCE_COLOR: '1',
      NO_UPDATE_NOTIFIER: '1',
    });
    this.child = child;
    this.runId = message.id;
    const id = message.id;
    this.send({ type: 'started', id, pid: child.pid ?? null });
    for (const stream of [child.stdout, child.stderr]) {
      const decoder = new StringDecoder('utf8');
      stream?.on('data', (chunk: Buffer) => this.send({ type: 'output', id, data: decoder.write(chunk) }));
    }
    child.once('error', (error) =>
      this.send({ type: 'error', id, message: `could not start npm: ${error.message}` }),
    );
    child.once('close', async (code, signal) => {
      // Nothing the lesson started may outlive it; report the exit once all of it is gone.
      await groupGone(child.pid);
      if (this.child === child) this.child = undefined;
      if (message.command === 'test' && signal === null) {
        try {
          this.send({ type: 'grade', id, report: readFileSync(`${dir}/${GRADE_FILE}`, 'utf8') });
        } catch {
          this.send({ type: 'error', id, message: 'the grader wrote no report (see the terminal for why)' });
        }
      }
      this.send({ type: 'exit', id, code, signal });
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (child) await killTree(child);
  }

  get current(): number {
    return this.child ? this.runId : -1;
  }
}

export interface Runner {
  readonly sessions: () => number;
  close(): Promise<void>;
}

/** Attaches the runner to an HTTP server (its `upgrade` requests on RUNNER_PATH). */
export function attachRunner(server: Server, options: RunnerOptions): Runner {
  const copies = new WorkingCopies(options.lessonsDir, options.workRoot);
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 4 * 1024 * 1024,
    handleProtocols: (protocols) => (protocols.has(RUNNER_PROTOCOL) ? RUNNER_PROTOCOL : false),
  });
  const sessions = new Set<Session>();

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== RUNNER_PATH) return; // someone else's (e.g. Vite's HMR socket)
    const refused = checkUpgrade(req, options);
    if (refused) {
      refuse(socket, refused.status, refused.reason);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const session = new Session(ws, copies);
      sessions.add(session);
      session.send({ type: 'hello', lessons: listLessonIds(options.lessonsDir) });
      let queue = Promise.resolve();
      ws.on('message', (data) => {
        queue = queue.then(() => session.handle(String(data)));
      });
      ws.on('close', () => {
        sessions.delete(session);
        void session.stop();
      });
    });
  });

  return {
    sessions: () => sessions.size,
    async close() {
      await Promise.all([...sessions].map((s) => s.stop()));
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
