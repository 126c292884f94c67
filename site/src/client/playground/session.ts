/**
 * The playground's behaviour without its widgets: Run, Test and Stop through an engine, status and
 * errors in plain words, telemetry address spotted in the output, grades recorded as progress.
 * The Vue component renders `state`; tests drive this class with a test-double engine.
 */
import { type GradeSummary, stripAnsi } from '@steady/grader/report';
import { isListedRole, type LessonBundle } from '../../shared/lesson.ts';
import { splitArgs } from '../../shared/protocol.ts';
import { partlyReady, runRefusal } from '../engine/native-only.ts';
import { type Engine, type EngineStatus, EngineUnavailableError } from '../engine/types.ts';
import { type SourceLocation, sourceLocations } from './source-links.ts';

export interface SessionState {
  status: EngineStatus | null;
  error: { message: string; advice: string | null } | null;
  running: 'start' | 'test' | null;
  grade: GradeSummary | null;
  telemetryUrl: string | null;
  lastExit: number | null;
  /** The first place in a lesson file that the last Run or Test printed (a compiler message, a failure report). */
  place: SourceLocation | null;
}

export function initialState(): SessionState {
  return {
    status: null,
    error: null,
    running: null,
    grade: null,
    telemetryUrl: null,
    lastExit: null,
    place: null,
  };
}

const TELEMETRY = /telemetry:\s+(https?:\/\/[^\s]+)/;

/** The telemetry address a lesson prints (`telemetry: http://127.0.0.1:9900`), if this chunk has one. */
export function telemetryAddress(text: string): string | undefined {
  return TELEMETRY.exec(stripAnsi(text))?.[1];
}

/**
 * The dashboard at `url` as the playground shows it: `embed` (the telemetry panel) asks it to give
 * its picture the whole (small) frame, without its header; `dark` follows the page's theme, which a
 * frame does not see by itself. An address that is not a URL is left as it is.
 */
export function dashboardView(
  url: string,
  view: { readonly embed?: boolean; readonly dark: boolean },
): string {
  try {
    const shown = new URL(url);
    if (view.embed) shown.searchParams.set('embed', '');
    shown.searchParams.set('theme', view.dark ? 'dark' : 'light');
    return shown.href;
  } catch {
    return url;
  }
}

export interface SessionHooks {
  /** Terminal output (ANSI colours kept). */
  readonly write: (data: string) => void;
  /** Current edits of the lesson's files. */
  readonly edits: () => Record<string, string>;
  /** Called after a grading, e.g. to record progress. */
  readonly graded?: (summary: GradeSummary) => void;
}

export class PlaygroundSession {
  private portUrls = new Map<number, string>();
  private lineBuffer = '';
  /** Set while a Run is getting started: called at its program's first output, or when it ends. */
  private runGetsUnderway: (() => void) | undefined;
  private runUnderway: Promise<void> = Promise.resolve();
  /** The files a place named in the output may be in: those of the file list (the terminal's links too). */
  readonly listedFiles: ReadonlySet<string>;

  constructor(
    readonly bundle: LessonBundle,
    private readonly engine: Engine,
    readonly state: SessionState,
    private readonly hooks: SessionHooks,
  ) {
    this.listedFiles = new Set(bundle.files.filter((f) => isListedRole(f.role)).map((f) => f.path));
    engine.onServer?.((port, url) => {
      this.portUrls.set(port, url);
      if (this.state.running === 'start') this.state.telemetryUrl ??= url;
    });
  }

  get engineKind() {
    return this.engine.kind;
  }

  /** A lesson whose program needs native mode, on another engine: its pure exercises grade, nothing runs. */
  private onlyGradesHere(): boolean {
    return this.bundle.lesson.requiresNative && this.engine.kind !== 'native';
  }

  private setStatus = (status: EngineStatus) => {
    this.state.status = status;
  };

  private fail(error: unknown): void {
    if (error instanceof EngineUnavailableError)
      this.state.error = { message: error.message, advice: error.advice };
    else this.state.error = { message: error instanceof Error ? error.message : String(error), advice: null };
    this.state.status = { phase: 'error', message: this.state.error.message };
  }

  private output = (data: string) => {
    this.markRunUnderway();
    this.hooks.write(data);
    // Telemetry lines may arrive split across chunks: look at whole lines.
    this.lineBuffer += data;
    const lines = this.lineBuffer.split('\n');
    this.lineBuffer = lines.pop() ?? '';
    for (const line of lines) {
      const address = telemetryAddress(line);
      if (address) this.state.telemetryUrl = this.forwarded(address);
      this.state.place ??=
        sourceLocations(stripAnsi(line), this.bundle.lesson.id, this.listedFiles)[0] ?? null;
    }
  };

  /** In WebContainers a port has its own public URL; on this machine the address is used as printed. */
  private forwarded(address: string): string {
    const port = Number(/:(\d+)/.exec(address.replace(/^https?:\/\//, ''))?.[1]);
    return this.portUrls.get(port) ?? address;
  }

  async boot(): Promise<boolean> {
    try {
      await this.engine.boot(this.setStatus);
      // The engine is ready, but for part of this lesson only: the status must not promise Run.
      if (this.onlyGradesHere()) this.setStatus({ phase: 'ready', message: partlyReady(this.bundle.lesson) });
      else this.engine.prepareRun?.({ bundle: this.bundle, edits: this.hooks.edits() });
      this.state.error = null;
      return true;
    } catch (error) {
      this.fail(error);
      return false;
    }
  }

  private markRunUnderway(): void {
    this.runGetsUnderway?.();
    this.runGetsUnderway = undefined;
  }

  /**
   * Resolves once a Run being started is underway (its program printed, or it ended, and then the
   * engine's loads settled: a program prints before its actors' threads have loaded), or after
   * `limitMs`; at once when no Run is starting. The playground loads its editor after this, so that
   * a Run pressed before the editor exists does not wait behind the editor's own start.
   */
  whenRunUnderway(limitMs: number): Promise<void> {
    if (!this.runGetsUnderway) return Promise.resolve();
    const deadline = performance.now() + limitMs;
    const settled = this.runUnderway.then(() =>
      this.engine.whenLoadsSettle?.(Math.max(0, deadline - performance.now())),
    );
    return Promise.race([settled, new Promise<void>((resolve) => setTimeout(resolve, limitMs))]);
  }

  async run(argsText: string): Promise<number | null | undefined> {
    this.markRunUnderway(); // a Run pressed again: whoever waited for the previous one waits no more
    this.runUnderway = new Promise((resolve) => (this.runGetsUnderway = resolve));
    try {
      return await this.startRun(argsText);
    } finally {
      this.markRunUnderway();
    }
  }

  private async startRun(argsText: string): Promise<number | null | undefined> {
    if (this.state.running) await this.stop();
    // A program that needs real sockets does not start away from native mode: said before anything
    // runs. The engine itself is fine (Test grades here), so the status stays as it is.
    if (this.onlyGradesHere()) {
      const refusal = runRefusal(this.bundle.lesson);
      this.state.error = { message: refusal.message, advice: refusal.advice };
      return undefined;
    }
    if (!(await this.boot())) return undefined;
    this.state.running = 'start';
    this.state.telemetryUrl = null;
    this.state.place = null;
    this.lineBuffer = '';
    const args = splitArgs(argsText);
    this.hooks.write(`\x1b[2m$ npm start${args.length ? ` -- ${args.join(' ')}` : ''}\x1b[0m\r\n`);
    this.setStatus({ phase: 'running', message: 'Running…' });
    try {
      const handle = await this.engine.start({
        bundle: this.bundle,
        edits: this.hooks.edits(),
        args,
        onOutput: this.output,
      });
      const code = await handle.exit;
      this.state.lastExit = code;
      const stopped = this.state.status?.phase === 'stopping';
      this.setStatus({ phase: 'ready', message: endOfRun(code, stopped) });
      return code;
    } catch (error) {
      this.fail(error);
      return undefined;
    } finally {
      this.state.running = null;
    }
  }

  /** Grades every exercise, or only `exercise` when given. */
  async test(exercise?: string): Promise<GradeSummary | undefined> {
    if (this.state.running) await this.stop();
    if (!(await this.boot())) return undefined;
    this.state.running = 'test';
    this.state.place = null;
    this.lineBuffer = '';
    this.hooks.write(`\x1b[2m$ npm test${exercise ? ` -- --exercise ${exercise}` : ''}\x1b[0m\r\n`);
    this.setStatus({
      phase: 'testing',
      message: exercise ? `Grading exercise ${exercise}…` : 'Grading your exercises…',
    });
    try {
      const grade = await this.engine.test({
        bundle: this.bundle,
        edits: this.hooks.edits(),
        onOutput: this.output,
        ...(exercise ? { exercise } : {}),
      });
      this.state.grade = grade;
      this.hooks.graded?.(grade);
      this.setStatus({
        phase: 'ready',
        message: `Graded: ${grade.passed}/${grade.total} exercises pass (${grade.score}%).`,
      });
      return grade;
    } catch (error) {
      this.fail(error);
      return undefined;
    } finally {
      this.state.running = null;
    }
  }

  async stop(): Promise<void> {
    if (!this.state.running) return;
    // A program is asked to shut down cleanly and, pressed again, Stop ends it at once (as a
    // second Ctrl-C does in a terminal); a grading stops at once.
    if (this.state.status?.phase !== 'stopping')
      this.setStatus({
        phase: 'stopping',
        message:
          this.state.running === 'start' ? 'Stopping… press Stop again to end it at once.' : 'Stopping…',
      });
    await this.engine.stop();
  }
}

/**
 * How a run ended, in the status line. A program that Stop asked to shut down usually ends as it
 * would on its own (exit code 0, as after Ctrl-C in a terminal): that is still a stop to the
 * learner, who pressed the button. `null`: ended from outside (terminated, killed).
 */
export function endOfRun(code: number | null, stopped: boolean): string {
  if (code === null) return 'Stopped.';
  if (stopped)
    return code === 0
      ? 'Stopped: the program shut down cleanly (exit code 0).'
      : `Stopped: the program exited with code ${code}.`;
  return code === 0 ? 'Finished (exit code 0).' : `Exited with code ${code}.`;
}
