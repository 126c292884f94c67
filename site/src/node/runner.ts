/**
 * The native runner: a WebSocket endpoint on the site's own loopback server that runs a known
 * lesson's `npm start` or `npm test` in the learner's working copy and streams the output back.
 *
 * Safety, in the order a request meets it: only the runner path (other upgrades are answered and
 * closed, except on the dev server where Vite's own socket needs them); the site's own Host and
 * Origin; the cookie that the printed login URL hands over (runner-access.ts); bounded sessions and
 * runs; then only `start`/`test` of a known lesson, with plain arguments, and writes limited to the
 * lesson's editable files in its working copy. A connection that breaks the WebSocket protocol is
 * closed with the proper code; the server and every other page carry on.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { CLOSE_CODES, MAX_MESSAGE_BYTES, RUNNER_PATH, RUNNER_PROTOCOL } from '../shared/protocol.ts';
import { listLessonIds } from './lessons.ts';
import type { RunnerAccess } from './runner-access.ts';
import { RunSlots, Session } from './runner-session.ts';
import { WarmGraders } from './warm-graders.ts';
import { WorkingCopies } from './working-copy.ts';

export const DEFAULT_MAX_RUNS = 3;
export const DEFAULT_MAX_SESSIONS = 12;

export interface RunnerOptions {
  readonly access: RunnerAccess;
  /** Origins allowed to connect, e.g. `http://127.0.0.1:5170`. */
  readonly origins: () => readonly string[];
  readonly lessonsDir: string;
  readonly workRoot: string;
  /** Runs going at once on this machine, across every page (default 3). */
  readonly maxRuns?: number;
  /** Lesson pages connected at once (default 12). */
  readonly maxSessions?: number;
  /** Answer and close upgrade requests for other paths (false on the dev server: Vite's HMR needs them). */
  readonly refuseOtherUpgrades?: boolean;
  /** Where one-line reports of refused or broken connections go. */
  readonly log?: (line: string) => void;
  /** Keep a warm grader per lesson, so a second Test is quick (default true). */
  readonly warmGraders?: boolean;
}

/** Answers a refused upgrade with a plain HTTP status and closes the socket once it is sent. */
export function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  if (socket.destroyed) return;
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export interface Runner {
  readonly sessions: () => number;
  readonly runs: () => number;
  /** Lessons with a warm grader waiting. */
  readonly warmGraders: () => number;
  close(): Promise<void>;
}

/** Attaches the runner to an HTTP server (its `upgrade` requests on RUNNER_PATH). */
export function attachRunner(server: Server, options: RunnerOptions): Runner {
  const log = options.log ?? ((line: string) => console.warn(`runner: ${line}`));
  const copies = new WorkingCopies(options.lessonsDir, options.workRoot);
  const slots = new RunSlots(options.maxRuns ?? DEFAULT_MAX_RUNS);
  const maxSessions = options.maxSessions ?? DEFAULT_MAX_SESSIONS;
  const graders =
    (options.warmGraders ?? true) ? new WarmGraders(options.maxRuns ?? DEFAULT_MAX_RUNS) : undefined;
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    handleProtocols: (protocols) => (protocols.has(RUNNER_PROTOCOL) ? RUNNER_PROTOCOL : false),
  });
  wss.on('error', (error) => log(`server error: ${error.message}`));
  const sessions = new Set<Session>();

  const connect = (ws: WebSocket) => {
    // Invalid UTF-8, a frame too big, a reserved opcode, an unmasked frame: `ws` closes the
    // connection with 1007/1009/1002 after this event; without a listener it would end the process.
    ws.on('error', (error) => {
      const code = (error as Error & { code?: string }).code ?? 'error';
      log(`closed a connection: ${error.message} (${code})`);
    });
    if (sessions.size >= maxSessions) {
      ws.close(CLOSE_CODES.tryAgainLater, `too many open lesson pages (${maxSessions}): close one`);
      return;
    }
    const session = new Session(ws, copies, slots, graders);
    sessions.add(session);
    session.send({ type: 'hello', lessons: listLessonIds(options.lessonsDir) });
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        ws.close(CLOSE_CODES.badData, 'text messages only');
        return;
      }
      session.receive(String(data));
    });
    ws.on('close', () => {
      sessions.delete(session);
      void session.close();
    });
  };

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // A page that closes or reloads resets its connection: that is how pages leave, not a fault.
      if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE')
        log(`upgrade socket error: ${error.message}`);
    });
    const path = (req.url ?? '').split('?')[0];
    if (path !== RUNNER_PATH) {
      if (options.refuseOtherUpgrades ?? true) refuseUpgrade(socket, 404, 'Not Found');
      return; // on the dev server: someone else's (Vite's HMR socket)
    }
    const refused = options.access.checkUpgrade(req, options.origins());
    if (refused) {
      refuseUpgrade(socket, refused.status, refused.reason);
      return;
    }
    wss.handleUpgrade(req, socket, head, connect);
  });

  return {
    sessions: () => sessions.size,
    runs: () => slots.inUse,
    warmGraders: () => graders?.size ?? 0,
    async close() {
      await Promise.all([...sessions].map((s) => s.close()));
      await graders?.closeAll();
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
