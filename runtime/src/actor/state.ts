/**
 * Persistent actor state: a value that outlives the actor's life, so a restarted
 * actor carries on where it failed instead of starting over.
 *
 * A handle is only an id; the value lives in a store of the thread hosting the
 * actor. Values must be structured-cloneable, because a snapshot travels to the
 * main thread when the actor stops and to a new thread if its old one dies.
 */

const stores = new Map<number, { value: unknown }>();
let nextStateId = 1;

export class SteadyState<T> {
  constructor(readonly id: number) {}

  /** The state value, created by `init` only the first time (on the first life of the actor). */
  lock(init: () => T): T {
    let slot = stores.get(this.id);
    if (!slot) {
      slot = { value: init() };
      stores.set(this.id, slot);
    }
    return slot.value as T;
  }

  /** The current value, if the state was ever initialised on this thread. */
  peek(): T | undefined {
    return stores.get(this.id)?.value as T | undefined;
  }
}

/** A new, empty persistent state to hand to one actor. */
export function newState<T>(): SteadyState<T> {
  return new SteadyState<T>(nextStateId++);
}

/** Internal: installs a snapshot (when a worker adopts a state, or the main thread gets one back). */
export function restoreState(id: number, value: unknown): void {
  stores.set(id, { value });
}

/** Internal: forgets a value, so the next `lock` runs `init` again (rolling back a first life). */
export function clearState(id: number): void {
  stores.delete(id);
}

/** Internal: the value to snapshot, if there is one. */
export function stateSnapshot(id: number): { value: unknown } | undefined {
  return stores.get(id);
}
