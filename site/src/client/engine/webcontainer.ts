/**
 * WebContainers: Node.js in the browser tab (StackBlitz's `@webcontainer/api`). Booted once per page;
 * the runtime, the grader and the lesson are mounted, dependencies installed once, then the same
 * `npm start` / `npm test` as on a machine. Grades come from the grader's JSON file, not from exit
 * codes (which WebContainers can get wrong).
 */
import { type GradeSummary, parseGradeSummary } from '@steady/grader/report';
import { GRADE_FILE } from '../../shared/protocol.ts';
import { buildFileTree, type FileTree, type FlatFiles, lessonFiles, projectFiles } from './file-tree.ts';
import {
  type Engine,
  type EngineStatus,
  EngineUnavailableError,
  type RunHandle,
  type RunRequest,
  type TestRequest,
} from './types.ts';

/** The part of a WebContainer this engine uses (a test double can stand in). */
export interface ContainerProcess {
  readonly output: ReadableStream<string>;
  readonly exit: Promise<number>;
  kill(): void;
}
export interface Container {
  mount(tree: FileTree): Promise<void>;
  spawn(
    command: string,
    args: string[],
    options?: { cwd?: string; env?: Record<string, string> },
  ): Promise<ContainerProcess>;
  fs: {
    readFile(path: string, encoding: 'utf-8'): Promise<string>;
    writeFile(path: string, contents: string): Promise<void>;
    rm(path: string, options?: { force?: boolean; recursive?: boolean }): Promise<void>;
  };
  on(event: 'server-ready', listener: (port: number, url: string) => void): unknown;
  on(event: 'port', listener: (port: number, type: 'open' | 'close', url: string) => void): unknown;
  teardown(): void;
}

export type ContainerBoot = () => Promise<Container>;

const BOOT_TIMEOUT_MS = 30_000;
export const NATIVE_ADVICE =
  'Use native mode instead: clone the repository, run `npm install && npm start` at its root, and open the address it prints.';
/** Offline, the browser engine is the way out that needs nothing else. */
const OFFLINE_ADVICE = `Pick "this browser" as the engine: it runs lessons 01-04 offline. ${NATIVE_ADVICE}`;

async function defaultBoot(): Promise<Container> {
  const { WebContainer } = await import('@webcontainer/api');
  return (await WebContainer.boot({ coep: 'require-corp', workdirName: 'steady' })) as unknown as Container;
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(message)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

export class WebContainerEngine implements Engine {
  readonly kind = 'webcontainer' as const;
  private container: Container | undefined;
  private booting: Promise<void> | undefined;
  private installed: Promise<void> | undefined;
  private current: ContainerProcess | undefined;
  private readonly serverListeners: ((port: number, url: string) => void)[] = [];
  private onStatus: (status: EngineStatus) => void = () => {};

  constructor(
    private readonly support: () => Promise<FlatFiles>,
    private readonly bootContainer: ContainerBoot = defaultBoot,
    private readonly isolated: () => boolean = () => globalThis.crossOriginIsolated === true,
    private readonly online: () => boolean = () => globalThis.navigator?.onLine !== false,
  ) {}

  boot(onStatus: (status: EngineStatus) => void): Promise<void> {
    this.onStatus = onStatus;
    // Offline, a boot would only wait for its time limit: StackBlitz's servers cannot answer. Not
    // remembered as a failed boot: the next Run tries again, and may find the browser back online.
    if (!this.booting && !this.online())
      return Promise.reject(
        new EngineUnavailableError(
          "This browser is offline, so WebContainers cannot start: they load their runtime from StackBlitz's servers.",
          OFFLINE_ADVICE,
        ),
      );
    this.booting ??= (async () => {
      if (!this.isolated())
        throw new EngineUnavailableError(
          'This page is not cross-origin isolated, so WebContainers cannot run here (they need SharedArrayBuffer).',
          NATIVE_ADVICE,
        );
      onStatus({ phase: 'booting', message: 'Booting WebContainer (Node.js in this tab)…', progress: 0.1 });
      try {
        this.container = await withTimeout(
          this.bootContainer(),
          BOOT_TIMEOUT_MS,
          `no answer after ${BOOT_TIMEOUT_MS / 1000} s`,
        );
      } catch (error) {
        this.booting = undefined;
        const why = error instanceof Error ? error.message : String(error);
        throw new EngineUnavailableError(
          `WebContainers could not start (${why}). They load their runtime from StackBlitz's servers, so they need an internet connection and a supported browser.`,
          NATIVE_ADVICE,
        );
      }
      this.container.on('server-ready', (port, url) => {
        for (const listener of this.serverListeners) listener(port, url);
      });
      onStatus({ phase: 'ready', message: 'WebContainer ready.', progress: 0.3 });
    })();
    return this.booting;
  }

  private need(): Container {
    if (!this.container) throw new Error('WebContainer not booted');
    return this.container;
  }

  /** First time: mount everything and install; later: write the lesson's editable files. */
  private async prepare(request: Omit<RunRequest, 'args'>): Promise<string> {
    const container = this.need();
    const lessonDir = `lessons/${request.bundle.lesson.id}`;
    if (!this.installed) {
      this.installed = (async () => {
        this.onStatus({ phase: 'installing', message: 'Mounting the lesson…', progress: 0.4 });
        await container.mount(
          buildFileTree(projectFiles(request.bundle, request.edits, await this.support())),
        );
        this.onStatus({
          phase: 'installing',
          message: 'Installing dependencies (once per page)…',
          progress: 0.5,
        });
        const install = await container.spawn('npm', [
          'install',
          '--no-audit',
          '--no-fund',
          '--loglevel=error',
        ]);
        void pipe(install.output, request.onOutput);
        const code = await install.exit;
        if (code !== 0) throw new Error(`npm install failed with exit code ${code}`);
      })();
      this.installed.catch(() => {
        this.installed = undefined;
      });
    } else {
      await this.installed;
      const files = lessonFiles(request.bundle, request.edits);
      for (const file of request.bundle.files.filter((f) => f.editable)) {
        await container.fs.writeFile(`${lessonDir}/${file.path}`, files[file.path] ?? file.content);
      }
    }
    await this.installed;
    return lessonDir;
  }

  async start(request: RunRequest): Promise<RunHandle> {
    await this.stop();
    const cwd = await this.prepare(request);
    this.onStatus({ phase: 'starting', message: 'Starting the lesson…', progress: 0.9 });
    const process = await this.need().spawn('npm', ['run', 'start', '--silent', '--', ...request.args], {
      cwd,
    });
    this.current = process;
    void pipe(process.output, request.onOutput);
    const exit = process.exit.then((code) => {
      if (this.current === process) this.current = undefined;
      return code;
    });
    return { exit };
  }

  async test(request: TestRequest): Promise<GradeSummary> {
    await this.stop();
    const cwd = await this.prepare(request);
    const container = this.need();
    await container.fs.rm(`${cwd}/${GRADE_FILE}`, { force: true });
    const one = request.exercise ? ['--exercise', request.exercise] : [];
    const process = await container.spawn(
      'npm',
      ['run', 'test', '--silent', '--', '--json', GRADE_FILE, ...one],
      {
        cwd,
      },
    );
    this.current = process;
    void pipe(process.output, request.onOutput);
    await process.exit; // the code is not trusted; the report is
    if (this.current === process) this.current = undefined;
    let text: string;
    try {
      text = await container.fs.readFile(`${cwd}/${GRADE_FILE}`, 'utf-8');
    } catch {
      throw new Error('the grader wrote no report (see the terminal for why)');
    }
    return parseGradeSummary(text);
  }

  async stop(): Promise<void> {
    const process = this.current;
    this.current = undefined;
    if (!process) return;
    process.kill();
    await withTimeout(process.exit, 5000, 'stop timed out').catch(() => undefined);
  }

  onServer(listener: (port: number, url: string) => void): void {
    this.serverListeners.push(listener);
  }

  dispose(): void {
    this.container?.teardown();
    this.container = undefined;
    this.booting = undefined;
    this.installed = undefined;
  }
}

async function pipe(stream: ReadableStream<string>, onOutput: (data: string) => void): Promise<void> {
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    onOutput(value);
  }
}
