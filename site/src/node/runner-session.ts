/**
 * One page's connection to the native runner. Its runs are strictly sequential: a new run first
 * stops the one before. A closed session never starts anything, even when it closes while a run is
 * being prepared, and every run holds one of the machine's few run slots while it lives.
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { WebSocket } from 'ws';
import {
  type ClientMessage,
  checkArgs,
  checkExerciseId,
  GRADE_FILE,
  type RunnerCommand,
  type ServerMessage,
} from '../shared/protocol.ts';
import { lessonCommand } from './lesson-script.ts';
import { listLessonIds } from './lessons.ts';
import { groupGone, interruptTree, killTree, spawnGroup } from './processes.ts';
import type { WarmGrader, WarmGraders } from './warm-graders.ts';
import { RefusedError, type WorkingCopies } from './working-copy.ts';

/** Messages a page may have waiting at once; more is a client gone wrong, and is refused. */
const MAX_QUEUED = 8;

/** The machine-wide bound on runs going at once. */
export class RunSlots {
  private taken = 0;
  constructor(readonly limit: number) {}
  get inUse(): number {
    return this.taken;
  }
  tryTake(): boolean {
    if (this.taken >= this.limit) return false;
    this.taken++;
    return true;
  }
  give(): void {
    this.taken = Math.max(0, this.taken - 1);
  }
}

type RunMessage = Extract<ClientMessage, { type: 'run' }>;

const childEnv = (): NodeJS.ProcessEnv => ({ ...process.env, FORCE_COLOR: '1', NO_UPDATE_NOTIFIER: '1' });

/**
 * How long after a Run its copy's grader starts (see `warmUpGraderLater`): a learner who runs
 * again at once (fix, Run, fix, Run) does not share the cores with a grader starting meanwhile.
 */
const GRADER_WARM_UP_DELAY_MS = 2000;

export class Session {
  private child: ChildProcess | undefined;
  /** A program asked to stop as Ctrl-C would, until it is gone (see `receive`). */
  private interrupted: ChildProcess | undefined;
  /** What the child does: a program (`start`) is stopped as Ctrl-C would, a grading hard. */
  private childCommand: RunnerCommand = 'start';
  private runId = -1;
  private closed = false;
  private warmUp: ReturnType<typeof setTimeout> | undefined;
  /** A run is between its checks and its spawn (awaiting the previous run's stop). */
  private starting = false;
  /**
   * Children being stopped. They no longer are `child`, but they still run: until they are gone the
   * session keeps its run slot (a page closing while its next Run stopped the last one had the slot
   * given back, and another page's run started, before the old process had exited).
   */
  private stopping = 0;
  private holdsSlot = false;
  private queue: Promise<void> = Promise.resolve();
  private queued = 0;

  constructor(
    private readonly ws: WebSocket,
    private readonly copies: WorkingCopies,
    private readonly slots: RunSlots,
    private readonly graders?: WarmGraders,
  ) {}

  send(message: ServerMessage): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(JSON.stringify(message));
  }

  /** Takes a message from the page; handled in arrival order, one at a time. */
  receive(raw: string): void {
    // A second Stop while the program shuts down does not wait its turn behind the first one: as a
    // second Ctrl-C in a terminal, it ends the program at once.
    if (this.interrupted && isStop(raw)) void killTree(this.interrupted);
    if (this.queued >= MAX_QUEUED) {
      this.send({ type: 'error', id: null, message: 'too many requests at once: wait for the last one' });
      return;
    }
    this.queued++;
    this.queue = this.queue.then(() => this.handle(raw)).finally(() => this.queued--);
  }

  private async handle(raw: string): Promise<void> {
    let message: ClientMessage;
    try {
      message = JSON.parse(raw) as ClientMessage;
    } catch {
      this.send({ type: 'error', id: null, message: 'not JSON' });
      return;
    }
    if (message?.type === 'stop') {
      await this.stop({ gracefully: true });
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

  private validate(message: RunMessage): void {
    if (message.command !== 'start' && message.command !== 'test')
      throw new RefusedError(`unknown command ${JSON.stringify(message.command)}: only start and test`);
    if (typeof message.lesson !== 'string' || !listLessonIds(this.copies.lessonsDir).includes(message.lesson))
      throw new RefusedError(`unknown lesson ${JSON.stringify(message.lesson)}`);
    const problem =
      checkArgs(Array.isArray(message.args) ? message.args : []) ?? checkExerciseId(message.exercise);
    if (problem) throw new RefusedError(problem);
  }

  private async run(message: RunMessage): Promise<void> {
    this.validate(message);
    if (this.closed) return;
    if (!this.holdsSlot) {
      if (!this.slots.tryTake())
        throw new RefusedError(
          `another run is going (${this.slots.inUse} of ${this.slots.limit} on this machine): stop it first`,
        );
      this.holdsSlot = true;
    }
    this.starting = true;
    try {
      await this.stopChild();
      // The page may have gone while the previous run stopped: then nothing starts.
      if (this.closed) return;
      const files = message.files && typeof message.files === 'object' ? message.files : {};
      const dir = this.copies.prepare(message.lesson, files, this);
      // One warm grader per copy: two pages grading the same lesson each grade their own files.
      const warm = message.command === 'test' ? this.graders?.acquire(dir, childEnv()) : undefined;
      if (warm) this.gradeWarm(message, dir, warm);
      else this.spawn(message, dir);
    } finally {
      this.starting = false;
      this.settle();
    }
  }

  private spawn(message: RunMessage, dir: string): void {
    const args = Array.isArray(message.args) ? message.args : [];
    const script = lessonCommand(
      dir,
      message.command,
      message.command === 'start' ? args : ['--json', GRADE_FILE],
    );
    const child = spawnGroup(script.command, script.args, dir, { ...childEnv(), PATH: script.path });
    this.child = child;
    this.childCommand = message.command;
    this.runId = message.id;
    const id = message.id;
    this.send({ type: 'started', id, pid: child.pid ?? null });
    for (const stream of [child.stdout, child.stderr]) {
      const decoder = new StringDecoder('utf8');
      stream?.on('data', (chunk: Buffer) => this.send({ type: 'output', id, data: decoder.write(chunk) }));
    }
    child.once('error', (error) =>
      this.send({ type: 'error', id, message: `could not start npm ${message.command}: ${error.message}` }),
    );
    child.once('close', async (code, signal) => {
      // Nothing the lesson started may outlive it; report the exit once all of it is gone.
      await groupGone(child.pid);
      if (this.child === child) this.child = undefined;
      this.settle();
      if (message.command === 'test' && signal === null) this.sendGrade(id, dir);
      else if (message.command === 'start') this.warmUpGraderLater(dir);
      this.send({ type: 'exit', id, code, signal });
    });
  }

  /**
   * A Run usually comes before the first Test: once it is over, the copy's grader starts while
   * the learner reads the output, so that the first Test takes what later ones take (in native
   * mode, lesson 01: about 0.8 s warm against 2.3-3.4 s cold). Not while the page runs something
   * else, not for a page that has gone, and never in place of a grader in use.
   */
  private warmUpGraderLater(dir: string): void {
    if (!this.graders) return;
    clearTimeout(this.warmUp);
    this.warmUp = setTimeout(() => {
      const idle = !this.child && !this.starting && this.stopping === 0 && this.queued === 0;
      if (idle && !this.closed) this.graders?.prewarm(dir, childEnv());
    }, GRADER_WARM_UP_DELAY_MS);
    this.warmUp.unref(); // never what keeps the server's process alive
  }

  /** A Test through the lesson's warm grader: the same report and exit code as a cold `npm test`. */
  private gradeWarm(message: RunMessage, dir: string, warm: WarmGrader): void {
    const id = message.id;
    this.child = warm.child;
    this.childCommand = 'test';
    this.runId = id;
    this.send({ type: 'started', id, pid: warm.child.pid ?? null });
    const request = { json: GRADE_FILE, ...(message.exercise ? { exercise: message.exercise } : {}) };
    void warm
      .grade(request, (data) => this.send({ type: 'output', id, data }))
      .then((code) => {
        // Stopped (the grader was killed) or done: either way this run is over.
        if (this.child === warm.child) this.child = undefined;
        this.settle();
        if (code !== null) this.sendGrade(id, dir);
        this.send({ type: 'exit', id, code, signal: code === null ? 'SIGTERM' : null });
      });
  }

  private sendGrade(id: number, dir: string): void {
    try {
      this.send({ type: 'grade', id, report: readFileSync(`${dir}/${GRADE_FILE}`, 'utf8') });
    } catch {
      this.send({ type: 'error', id, message: 'the grader wrote no report (see the terminal for why)' });
    }
  }

  /** Gives the run slot back once nothing runs or is about to. */
  private settle(): void {
    const idle = !this.child && !this.starting && this.stopping === 0;
    if (this.holdsSlot && idle) {
      this.holdsSlot = false;
      this.slots.give();
    }
    if (idle) this.copies.release(this);
  }

  /**
   * Stops what runs. A program the learner stops (`gracefully`) gets a Ctrl-C first, as in a
   * terminal; a grading, a program replaced by the next Run and anything of a page that went away
   * are stopped hard at once.
   */
  private async stopChild(gracefully = false): Promise<void> {
    const child = this.child;
    const program = this.childCommand === 'start';
    this.child = undefined;
    if (!child) return;
    this.stopping++;
    try {
      if (!(gracefully && program)) await killTree(child);
      else {
        this.interrupted = child;
        await interruptTree(child);
      }
    } finally {
      if (this.interrupted === child) this.interrupted = undefined;
      this.stopping--;
    }
  }

  async stop(options: { gracefully?: boolean } = {}): Promise<void> {
    await this.stopChild(options.gracefully);
    this.settle();
  }

  /** The page went away: nothing more starts, and what runs is killed. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.warmUp);
    await this.stop();
  }

  get current(): number {
    return this.child ? this.runId : -1;
  }
}

function isStop(raw: string): boolean {
  try {
    return (JSON.parse(raw) as { type?: unknown } | null)?.type === 'stop';
  } catch {
    return false;
  }
}
