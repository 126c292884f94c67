/**
 * Counters an actor keeps for the dashboard beyond what the runtime measures itself, such as an
 * aqueduct's Aeron counters: named 64-bit slots in shared memory, written by the actor on its
 * thread, read by the telemetry collector on the main thread. Plain data, so the same object is
 * an actor argument (its buffer is shared, not copied) and part of the actor's spec.
 */
export interface ActorCounters {
  /** Names the family of the metric: `<family>_counter_total{actor_name, counter}`. */
  readonly family: string;
  readonly names: readonly string[];
  readonly buffer: SharedArrayBuffer;
}

const METRIC_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export function newActorCounters(family: string, names: readonly string[]): ActorCounters {
  for (const name of [family, ...names]) {
    if (!METRIC_NAME.test(name))
      throw new TypeError(`a counter name must match ${METRIC_NAME}, got '${name}'`);
  }
  if (new Set(names).size !== names.length) throw new TypeError(`counter names repeat: ${names.join(', ')}`);
  return { family, names: [...names], buffer: new SharedArrayBuffer(8 * names.length) };
}

/** Publishes the named values (whole numbers from 0; others are ignored) into the shared slots. */
export function writeCounters(counters: ActorCounters, values: Readonly<Record<string, number>>): void {
  const slots = new BigUint64Array(counters.buffer);
  counters.names.forEach((name, i) => {
    const value = values[name];
    // Atomics: a 64-bit value is never read half written.
    if (value !== undefined && Number.isSafeInteger(value) && value >= 0)
      Atomics.store(slots, i, BigInt(value));
  });
}

/** The current values, by name, in the order the counters were declared. */
export function readCounters(counters: ActorCounters): [string, number][] {
  const slots = new BigUint64Array(counters.buffer);
  return counters.names.map((name, i) => [name, Number(Atomics.load(slots, i))]);
}
