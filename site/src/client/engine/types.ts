/**
 * One interface, three engines: native mode (the local runner), the browser engine (Web Workers in
 * this tab) and WebContainers (StackBlitz's hosted Node.js, only when the learner picks it).
 * The playground only talks to this interface.
 */
import type { GradeSummary } from '@steady/grader/report';
import type { LessonBundle } from '../../shared/lesson.ts';

export type EngineKind = 'native' | 'browser' | 'webcontainer';

/** What the learner sees while an engine gets ready. */
export interface EngineStatus {
  readonly phase:
    | 'booting'
    | 'installing'
    | 'starting'
    | 'ready'
    | 'running'
    | 'testing'
    | 'stopping'
    | 'error';
  readonly message: string;
  /** 0…1 when known. */
  readonly progress?: number;
}

export interface RunRequest {
  readonly bundle: LessonBundle;
  /** The learner's edits: lesson-relative path → content. */
  readonly edits: Readonly<Record<string, string>>;
  readonly args: readonly string[];
  /** Process output, with ANSI colours, as it arrives. */
  readonly onOutput: (data: string) => void;
}

export interface TestRequest extends Omit<RunRequest, 'args'> {
  /** Grade only this exercise (its id, e.g. `01-stop-after-beats`); every exercise when absent. */
  readonly exercise?: string;
}

export interface RunHandle {
  /** Resolves with the exit code (null when stopped by a signal). */
  readonly exit: Promise<number | null>;
}

export interface Engine {
  readonly kind: EngineKind;
  /** Boots once per page; later calls return the same promise. */
  boot(onStatus: (status: EngineStatus) => void): Promise<void>;
  /**
   * The page shows a lesson that runs in this engine, with these files: get ready for its first
   * Run while the learner reads (optional; never fails: the Run reports what goes wrong).
   */
  prepareRun?(request: Pick<RunRequest, 'bundle' | 'edits'>): void;
  /** The lesson's `npm start -- <args>`. */
  start(request: RunRequest): Promise<RunHandle>;
  /**
   * Resolves once the files a Run asks for have stopped coming (optional: the browser engine's
   * programs load their modules one import at a time, from its Service Worker), or after `limitMs`.
   */
  whenLoadsSettle?(limitMs: number): Promise<void>;
  /** The lesson's `npm test`, graded from the grader's JSON file. */
  test(request: TestRequest): Promise<GradeSummary>;
  /** Stops whatever runs; resolves when it has stopped. */
  stop(): Promise<void>;
  /** A port a lesson opened, e.g. its telemetry server (WebContainers forward it to a URL). */
  onServer?(listener: (port: number, url: string) => void): void;
  dispose(): void;
}

export class EngineUnavailableError extends Error {
  override name = 'EngineUnavailableError';
  constructor(
    message: string,
    /** What the learner can do instead. */
    readonly advice: string,
  ) {
    super(message);
  }
}
