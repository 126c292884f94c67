/** Test doubles for the engines: a scripted WebSocket and a scripted WebContainer. */

import type { FileTree } from '../src/client/engine/file-tree.ts';
import type { SocketLike } from '../src/client/engine/native.ts';
import type { Container, ContainerProcess } from '../src/client/engine/webcontainer.ts';
import type { KeyValueStore } from '../src/client/storage.ts';
import type { LessonBundle } from '../src/shared/lesson.ts';

export const bundle: LessonBundle = {
  lesson: {
    id: '01-minimum',
    number: 1,
    name: 'minimum',
    title: 'Lesson 1',
    summary: '',
    requiresNative: false,
    defaultArgs: '--rate 500 --beats 3',
    entry: 'src/main.ts',
    exercises: [{ id: '01-stop', title: 'Stop', workingFiles: ['exercises/01-stop/heartbeat.ts'] }],
  },
  files: [
    { path: 'package.json', content: '{}', role: 'config', editable: false },
    { path: 'src/main.ts', content: 'main', role: 'source', editable: true },
    { path: 'exercises/01-stop/heartbeat.ts', content: 'starter', role: 'exercise', editable: true },
    { path: 'exercises/01-stop/heartbeat.test.ts', content: 'test', role: 'test', editable: false },
    {
      path: 'exercises/01-stop/solution/heartbeat.ts',
      content: 'solution',
      role: 'solution',
      editable: false,
    },
  ],
};

type Listener = (event: { data?: unknown; code?: number; reason?: string }) => void;

export class FakeSocket implements SocketLike {
  readyState = 0;
  readonly sent: unknown[] = [];
  private listeners = new Map<string, Listener[]>();
  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {}
  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }
  close(): void {
    this.readyState = 3;
    this.emit('close');
  }
  /** The server closed the connection with a code and a reason. */
  closeWith(code: number, reason: string): void {
    this.readyState = 3;
    for (const l of this.listeners.get('close') ?? []) l({ code, reason });
  }
  // `never`: any of SocketLike's listener shapes may be added; emit() passes the event they read.
  addEventListener(type: string, listener: (event: never) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener as Listener]);
  }
  emit(type: string, data?: unknown): void {
    for (const l of this.listeners.get(type) ?? []) l({ data });
  }
  open(): void {
    this.readyState = 1;
    this.emit('open');
  }
  reply(message: unknown): void {
    this.emit('message', JSON.stringify(message));
  }
}

export class FakeProcess implements ContainerProcess {
  readonly output: ReadableStream<string>;
  readonly exit: Promise<number>;
  killed = false;
  private controller!: ReadableStreamDefaultController<string>;
  private finish!: (code: number) => void;
  constructor() {
    this.output = new ReadableStream<string>({
      start: (c) => {
        this.controller = c;
      },
    });
    this.exit = new Promise((resolve) => {
      this.finish = resolve;
    });
  }
  print(text: string): void {
    this.controller.enqueue(text);
  }
  end(code: number): void {
    this.controller.close();
    this.finish(code);
  }
  kill(): void {
    this.killed = true;
    this.end(143);
  }
}

/** Records every call; `script` decides how each spawned command behaves. */
export class FakeContainer implements Container {
  readonly calls: string[] = [];
  readonly files = new Map<string, string>();
  mounted: FileTree | undefined;
  private server: ((port: number, url: string) => void) | undefined;
  constructor(readonly script: (command: string, process: FakeProcess, container: FakeContainer) => void) {}
  async mount(tree: FileTree): Promise<void> {
    this.calls.push('mount');
    this.mounted = tree;
  }
  async spawn(command: string, args: string[], options?: { cwd?: string }): Promise<ContainerProcess> {
    const line = `${options?.cwd ? `[${options.cwd}] ` : ''}${command} ${args.join(' ')}`;
    this.calls.push(line);
    const process = new FakeProcess();
    queueMicrotask(() => this.script(line, process, this));
    return process;
  }
  fs = {
    readFile: async (path: string) => {
      this.calls.push(`read ${path}`);
      const content = this.files.get(path);
      if (content === undefined) throw new Error('ENOENT');
      return content;
    },
    writeFile: async (path: string, contents: string) => {
      this.calls.push(`write ${path}`);
      this.files.set(path, contents);
    },
    rm: async (path: string) => {
      this.calls.push(`rm ${path}`);
      this.files.delete(path);
    },
  };
  on(event: 'server-ready', listener: (port: number, url: string) => void): unknown;
  on(event: 'port', listener: (port: number, type: 'open' | 'close', url: string) => void): unknown;
  on(event: string, listener: (port: number, ...rest: never[]) => void): unknown {
    if (event === 'server-ready') this.server = listener as (port: number, url: string) => void;
    return () => {};
  }
  serverReady(port: number, url: string): void {
    this.server?.(port, url);
  }
  teardown(): void {
    this.calls.push('teardown');
  }
}

/** The browser's storage, in memory; `data` shows what was written. */
export function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}
