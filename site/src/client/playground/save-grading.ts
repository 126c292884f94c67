/**
 * Test on save, one grading at a time. A save asks for a grading of the exercise whose file was
 * saved (or of the whole lesson); a save while a grading runs leaves exactly one more to do after
 * it, however many saves arrive, so a learner who saves often never piles gradings up.
 */

/** What a save asks to grade: one exercise, or the whole lesson (`null`). */
export type GradeTarget = string | null;

export interface SaveGraderHooks {
  /** Grades the target; resolves when the grade (or its failure) is in. */
  readonly grade: (target: GradeTarget) => Promise<unknown>;
  /** Resolves once no grading runs, whoever started it (a Test pressed by hand included). */
  readonly idle: () => Promise<void>;
}

export interface SaveGraderState {
  /** A grading waits for the current one to end. */
  readonly pending: boolean;
  /** A grading started by a save has not finished yet. */
  readonly grading: boolean;
  /** Gradings started by saves so far. */
  readonly started: number;
}

/** Two requests waiting together: the same exercise stays one exercise, anything else is the lesson. */
export function mergeTargets(waiting: GradeTarget, next: GradeTarget): GradeTarget {
  return waiting === next ? waiting : null;
}

export class SaveGrader {
  private waiting: { target: GradeTarget } | null = null;
  private draining = false;
  private grading = false;
  private started = 0;

  constructor(private readonly hooks: SaveGraderHooks) {}

  /** A file was saved with test on save on: grade `target` now, or once the current grading ends. */
  saved(target: GradeTarget): void {
    this.waiting = this.waiting ? { target: mergeTargets(this.waiting.target, target) } : { target };
    if (!this.draining) void this.drain();
  }

  state(): SaveGraderState {
    return { pending: this.waiting !== null, grading: this.grading, started: this.started };
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.waiting) {
        await this.hooks.idle();
        const { target } = this.waiting;
        this.waiting = null;
        this.grading = true;
        this.started += 1;
        try {
          await this.hooks.grade(target);
        } catch {
          // The session shows a failed grading in the page; the next save may try again.
        } finally {
          this.grading = false;
        }
      }
    } finally {
      this.draining = false;
    }
  }
}
