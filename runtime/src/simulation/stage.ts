/**
 * Stage directions, and where each thread keeps the simulated actors ready to take them.
 *
 * In a test graph an actor on the edge of the graph can play a simulated part instead of
 * its real behaviour: `actor.simulatedBehavior([...its channel ends])`. The test directs it
 * through the stage manager: echo a value into an output, wait for a given message on an
 * input, and a final bow. Directions are plain data, so they reach actors on any thread.
 */
import { isDeepStrictEqual } from 'node:util';

export type StageDirection =
  | { readonly kind: 'echo'; readonly value: unknown; readonly lane: number }
  | {
      readonly kind: 'wait-for';
      readonly message: unknown;
      readonly timeoutMs: number;
      readonly lane: number;
    };

/** Builders for stage directions. */
export const StageDirection = {
  /** The simulated actor sends `value` on its output number `lane` (default 0). */
  echo: (value: unknown, lane = 0): StageDirection => ({ kind: 'echo', value, lane }),
  /** The simulated actor's next message on input `lane` must equal `message`, within `timeoutMs`. */
  waitFor: (message: unknown, timeoutMs: number, lane = 0): StageDirection => ({
    kind: 'wait-for',
    message,
    timeoutMs,
    lane,
  }),
};

/** Runs one direction in the simulated actor; rejects with a message a test can show. */
export type DirectionHandler = (direction: StageDirection) => Promise<void>;

/** Per thread: which simulated actors are ready to take directions. */
export class StageRegistry {
  private readonly handlers = new Map<number, DirectionHandler>();
  private readonly waiting = new Map<number, ((handler: DirectionHandler) => void)[]>();

  register(actor: number, handler: DirectionHandler): void {
    this.handlers.set(actor, handler);
    for (const resolve of this.waiting.get(actor) ?? []) resolve(handler);
    this.waiting.delete(actor);
  }

  unregister(actor: number): void {
    this.handlers.delete(actor);
  }

  /** Runs a direction once the actor has taken its place on stage (it may still be starting). */
  async perform(actor: number, direction: StageDirection): Promise<void> {
    const handler =
      this.handlers.get(actor) ??
      (await new Promise<DirectionHandler>((resolve) => {
        this.waiting.set(actor, [...(this.waiting.get(actor) ?? []), resolve]);
      }));
    await handler(direction);
  }
}

/** The registry of the current thread. */
export const threadStage = new StageRegistry();

export function describeMismatch(expected: unknown, actual: unknown): string | undefined {
  return isDeepStrictEqual(expected, actual)
    ? undefined
    : `expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
}
