/**
 * A veto names what must hold before an actor agrees to stop.
 *
 * Either a function (its source text names it in reports), or named conditions
 * checked in order: `{ 'input drained': () => rx.isClosedAndEmpty(), 'output closed': () => tx.markClosed() }`.
 * This plays the part of Rust's `i!` macro: an unclean stop says which condition held.
 */
export type Veto = (() => boolean) | Readonly<Record<string, () => boolean>>;

/** The name of the condition that refuses to stop, or undefined when the actor agrees. */
export function blockingCondition(veto: Veto): string | undefined {
  if (typeof veto === 'function') {
    return veto() ? undefined : describeFunction(veto);
  }
  for (const [name, condition] of Object.entries(veto)) {
    if (!condition()) return name;
  }
  return undefined;
}

function describeFunction(fn: () => boolean): string {
  const source = fn.toString().replace(/\s+/g, ' ').trim();
  const body = source.replace(/^\(\)\s*=>\s*/, '');
  return body.length > 160 ? `${body.slice(0, 157)}...` : body;
}
