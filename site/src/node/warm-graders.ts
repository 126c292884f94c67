/**
 * Warm graders for the native runner: per working copy of a lesson, one `npm test -- --serve` kept
 * running in it (tools/grader/src/serve.ts), started by the first Test or a little after a Run, so
 * that a Test skips Node, the TypeScript loader and vitest starting up again. At most a few are
 * kept, each for a few idle minutes; a grader that is stopped mid-run is killed and the next Test
 * starts a new one.
 */
import type { ChildProcess } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { lessonCommand } from './lesson-script.ts';
import { groupGone, killTree, spawnGroup } from './processes.ts';

/** What the grader prints after each answer (tools/grader/src/serve.ts), then the exit code. */
const SERVE_DONE = '\u001esteady-grade:done';

export interface GradeRequest {
  readonly json: string;
  readonly exercise?: string;
}

export class WarmGrader {
  readonly child: ChildProcess;
  private busy = false;
  private dead = false;
  private lineBuffer = '';
  private answer: ((code: number | null) => void) | undefined;
  private onOutput: ((text: string) => void) | undefined;
  lastUsed = Date.now();

  constructor(
    readonly dir: string,
    env: NodeJS.ProcessEnv,
  ) {
    const script = lessonCommand(dir, 'test', ['--serve']);
    this.child = spawnGroup(script.command, script.args, dir, { ...env, PATH: script.path }, 'pipe');
    const decoder = new StringDecoder('utf8');
    this.child.stdout?.on('data', (chunk: Buffer) => this.read(decoder.write(chunk)));
    const errors = new StringDecoder('utf8');
    this.child.stderr?.on('data', (chunk: Buffer) => this.onOutput?.(errors.write(chunk)));
    this.child.once('close', async () => {
      this.dead = true;
      await groupGone(this.child.pid);
      this.finish(null);
    });
  }

  get available(): boolean {
    return !this.busy && !this.dead;
  }

  /** Streams every line but the end marker; the marker answers the request with its exit code. */
  private read(text: string): void {
    this.lineBuffer += text;
    let at = this.lineBuffer.indexOf('\n');
    while (at >= 0) {
      const line = this.lineBuffer.slice(0, at);
      this.lineBuffer = this.lineBuffer.slice(at + 1);
      if (line.startsWith(SERVE_DONE)) this.finish(Number(line.slice(SERVE_DONE.length)));
      else this.onOutput?.(`${line}\n`);
      at = this.lineBuffer.indexOf('\n');
    }
  }

  private finish(code: number | null): void {
    const answer = this.answer;
    this.answer = undefined;
    this.onOutput = undefined;
    this.busy = false;
    this.lastUsed = Date.now();
    answer?.(code === null || Number.isNaN(code) ? null : code);
  }

  /** Grades once; resolves with the exit code a cold `npm test` would have had (null if it died). */
  grade(request: GradeRequest, onOutput: (text: string) => void): Promise<number | null> {
    if (!this.available) throw new Error('this grader is busy or gone');
    this.busy = true;
    this.onOutput = onOutput;
    return new Promise((resolve) => {
      this.answer = resolve;
      this.child.stdin?.write(`${JSON.stringify(request)}\n`);
    });
  }

  kill(): Promise<void> {
    return killTree(this.child);
  }
}

export class WarmGraders {
  private readonly byCopy = new Map<string, WarmGrader>();
  private readonly sweeper: ReturnType<typeof setInterval>;

  constructor(
    private readonly keep = 3,
    private readonly idleMs = 5 * 60_000,
  ) {
    this.sweeper = setInterval(() => this.sweep(), Math.min(idleMs, 30_000));
    this.sweeper.unref();
  }

  /**
   * The warm grader of a working copy if it is free, else a new one (undefined when the copy's
   * grader is busy: grade cold).
   */
  acquire(dir: string, env: NodeJS.ProcessEnv): WarmGrader | undefined {
    const current = this.byCopy.get(dir);
    if (current?.available) return current;
    if (current && !current.available && current.child.exitCode === null && current.child.signalCode === null)
      return undefined;
    if (this.byCopy.size >= this.keep) this.evictOldestIdle();
    return this.start(dir, env);
  }

  /**
   * Starts a working copy's grader ahead of its first Test (after a Run: `Session` in
   * runner-session.ts), when it has none and there is room: a grader started on a guess never
   * ends one in use or one kept for another copy.
   */
  prewarm(dir: string, env: NodeJS.ProcessEnv): void {
    if (!this.byCopy.has(dir) && this.byCopy.size < this.keep) this.start(dir, env);
  }

  private start(dir: string, env: NodeJS.ProcessEnv): WarmGrader {
    const fresh = new WarmGrader(dir, env);
    this.byCopy.set(dir, fresh);
    fresh.child.once('close', () => {
      if (this.byCopy.get(dir) === fresh) this.byCopy.delete(dir);
    });
    return fresh;
  }

  get size(): number {
    return this.byCopy.size;
  }

  private evictOldestIdle(): void {
    const idle = [...this.byCopy.entries()]
      .filter(([, g]) => g.available)
      .sort((a, b) => a[1].lastUsed - b[1].lastUsed);
    const oldest = idle[0];
    if (oldest) {
      this.byCopy.delete(oldest[0]);
      void oldest[1].kill();
    }
  }

  private sweep(): void {
    for (const [dir, grader] of this.byCopy)
      if (grader.available && Date.now() - grader.lastUsed > this.idleMs) {
        this.byCopy.delete(dir);
        void grader.kill();
      }
  }

  async closeAll(): Promise<void> {
    clearInterval(this.sweeper);
    const all = [...this.byCopy.values()];
    this.byCopy.clear();
    await Promise.all(all.map((g) => g.kill()));
  }
}
