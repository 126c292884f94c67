/**
 * Native mode: the local runner served the page (it marks it with a meta tag that grants nothing)
 * and runs the lesson's commands on this machine. Output streams back over a WebSocket, which the
 * runner opens only for a browser holding its cookie: the one that opened the login link
 * `npm start` printed.
 */
import { type GradeSummary, parseGradeSummary } from '@steady/grader/report';
import {
  CLOSE_CODES,
  type ClientMessage,
  checkEditSizes,
  RUNNER_META,
  RUNNER_PATH,
  RUNNER_PROTOCOL,
  type ServerMessage,
} from '../../shared/protocol.ts';
import { changedEdits } from './file-tree.ts';
import {
  type Engine,
  type EngineStatus,
  EngineUnavailableError,
  type RunHandle,
  type RunRequest,
  type TestRequest,
} from './types.ts';

/** The part of the browser's WebSocket the engine uses (a test double can stand in). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  addEventListener(type: 'open' | 'error', listener: () => void): void;
  addEventListener(type: 'close', listener: (event: { code?: number; reason?: string }) => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

export type SocketFactory = (url: string, protocols: string[]) => SocketLike;

/** Whether the local runner served this page. */
export function servedByRunner(doc: Document | undefined = globalThis.document): boolean {
  return doc?.querySelector<HTMLMetaElement>(`meta[name="${RUNNER_META}"]`)?.content === 'native';
}

export const LOGIN_ADVICE =
  'Open the link that `npm start` printed in your terminal (it connects this browser to the runner), then reload this page.';

/** What the learner is told when the runner closed the connection, by close code. */
function closeMessage(code: number | undefined, reason: string | undefined): string {
  if (code === CLOSE_CODES.tryAgainLater && reason) return `The local runner refused: ${reason}.`;
  if (code === CLOSE_CODES.tooBig)
    return 'The local runner closed the connection: the message was too large.';
  return 'The local runner closed the connection (was `npm start` stopped?).';
}

interface Pending {
  onOutput: (data: string) => void;
  resolveExit: (code: number | null) => void;
  rejectExit: (error: Error) => void;
  grade?: string;
  error?: string;
}

export class NativeEngine implements Engine {
  readonly kind = 'native' as const;
  private socket: SocketLike | undefined;
  private booting: Promise<void> | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private current: number | undefined;

  constructor(
    private readonly url: string,
    private readonly createSocket: SocketFactory = (u, p) => new WebSocket(u, p) as unknown as SocketLike,
  ) {}

  static fromPage(): NativeEngine | undefined {
    if (!servedByRunner()) return undefined;
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    return new NativeEngine(`${scheme}://${location.host}${RUNNER_PATH}`);
  }

  boot(onStatus: (status: EngineStatus) => void): Promise<void> {
    this.booting ??= new Promise<void>((resolve, reject) => {
      onStatus({ phase: 'booting', message: 'Connecting to the local runner…' });
      const socket = this.createSocket(this.url, [RUNNER_PROTOCOL]);
      this.socket = socket;
      let opened = false;
      socket.addEventListener('open', () => {
        opened = true;
        onStatus({ phase: 'ready', message: 'Native mode: lessons run on this machine.' });
        resolve();
      });
      socket.addEventListener('message', (event) => this.receive(String(event.data)));
      socket.addEventListener('close', (event) => {
        this.booting = undefined;
        this.socket = undefined;
        const error = new Error(closeMessage(event?.code, event?.reason));
        for (const run of this.pending.values()) run.rejectExit(error);
        this.pending.clear();
        // A refused handshake closes before it opens (the browser hides the HTTP status): most
        // often this browser has not opened the login link yet.
        if (!opened)
          reject(
            new EngineUnavailableError(
              'Could not connect to the local runner.',
              `${LOGIN_ADVICE} If \`npm start\` is no longer running, start it again at the repository root.`,
            ),
          );
        else onStatus({ phase: 'error', message: error.message });
      });
    });
    return this.booting;
  }

  private receive(text: string): void {
    let message: ServerMessage;
    try {
      message = JSON.parse(text) as ServerMessage;
    } catch {
      return;
    }
    if (message.type === 'hello' || message.type === 'started') return;
    const run = message.id === null ? undefined : this.pending.get(message.id);
    if (message.type === 'error' && !run) {
      // A refusal not tied to a run: show it on the current one.
      const current = this.current === undefined ? undefined : this.pending.get(this.current);
      current?.onOutput(`\r\n\x1b[31m${message.message}\x1b[0m\r\n`);
      return;
    }
    if (!run) return;
    switch (message.type) {
      case 'output':
        run.onOutput(message.data);
        break;
      case 'grade':
        run.grade = message.report;
        break;
      case 'error':
        run.error = message.message;
        run.onOutput(`\r\n\x1b[31m${message.message}\x1b[0m\r\n`);
        break;
      case 'exit':
        this.pending.delete(message.id);
        if (this.current === message.id) this.current = undefined;
        run.resolveExit(message.code);
        break;
    }
  }

  private launch(
    command: 'start' | 'test',
    request: TestRequest & { args?: readonly string[] },
  ): { id: number; exit: Promise<number | null>; run: Pending } {
    const socket = this.socket;
    if (socket?.readyState !== 1) throw new Error('not connected to the local runner');
    const files = changedEdits(request.bundle, request.edits);
    const tooLarge = checkEditSizes(files);
    if (tooLarge) throw new Error(tooLarge);
    const id = this.nextId++;
    let run!: Pending;
    const exit = new Promise<number | null>((resolveExit, rejectExit) => {
      run = { onOutput: request.onOutput, resolveExit, rejectExit };
    });
    this.pending.set(id, run);
    this.current = id;
    const message: ClientMessage = {
      type: 'run',
      id,
      lesson: request.bundle.lesson.id,
      command,
      args: request.args ?? [],
      ...(request.exercise ? { exercise: request.exercise } : {}),
      files,
    };
    socket.send(JSON.stringify(message));
    return { id, exit, run };
  }

  async start(request: RunRequest): Promise<RunHandle> {
    return { exit: this.launch('start', request).exit };
  }

  async test(request: TestRequest): Promise<GradeSummary> {
    const { exit, run } = this.launch('test', request);
    await exit;
    if (run.grade === undefined)
      throw new Error(run.error ?? 'the tests stopped before the grader wrote its report');
    return parseGradeSummary(run.grade);
  }

  async stop(): Promise<void> {
    const id = this.current;
    if (id === undefined || !this.socket) return;
    const run = this.pending.get(id);
    const message: ClientMessage = { type: 'stop', id };
    this.socket.send(JSON.stringify(message));
    if (run) {
      await new Promise<void>((resolve) => {
        const previous = run.resolveExit;
        run.resolveExit = (code) => {
          previous(code);
          resolve();
        };
      });
    }
  }

  dispose(): void {
    this.socket?.close();
    this.socket = undefined;
  }
}
