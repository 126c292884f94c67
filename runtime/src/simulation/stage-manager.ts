/** Directs the simulated actors of a test graph, from the test. */
import { StageError } from '../errors.ts';
import type { StageDirection } from './stage.ts';

// Long enough for a worker thread to start, load the TypeScript loader and the actor's module on a
// busy machine; it only matters when an actor never takes its place (a bug the message explains).
const TAKE_STAGE_TIMEOUT_MS = 15_000;

export class StageManager {
  private bowed = false;

  constructor(private readonly direct: (actor: string, direction: StageDirection) => Promise<void>) {}

  /**
   * Has the named actor perform a direction, and resolves once it did. Rejects with the
   * actor's own words when it could not (a different message, a timeout), or when the actor
   * never took its place on stage (its `run` does not call `simulatedBehavior`).
   */
  async actorPerform(actor: string, direction: StageDirection): Promise<void> {
    if (this.bowed) throw new StageError('stage manager: the final bow was taken; no more directions');
    const limit = TAKE_STAGE_TIMEOUT_MS + (direction.kind === 'wait-for' ? direction.timeoutMs : 0);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new StageError(
              `stage manager: ${actor} did not perform ${direction.kind} within ${limit} ms ` +
                '(does its run() call actor.simulatedBehavior(...) when !actor.useInternalBehavior?)',
            ),
          ),
        limit,
      );
    });
    try {
      await Promise.race([this.direct(actor, direction), late]);
    } catch (error) {
      // An actor on a worker thread reports its failure as text: give it the same class here.
      throw error instanceof StageError
        ? error
        : new StageError(error instanceof Error ? error.message : String(error));
    } finally {
      clearTimeout(timer);
    }
  }

  /** Ends the performance: no more directions. */
  finalBow(): void {
    this.bowed = true;
  }
}
