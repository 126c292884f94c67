/** A receiver that turns a publisher's resends into exactly-once delivery. */
import { SequenceError, valueAt } from '../../../../src/wire.ts';

/** What to do with a message: skip its first `skip` values (already delivered), deliver the rest. */
export interface Accepted {
  readonly skip: number;
  /** The next value expected after this message. */
  readonly next: number;
}

/**
 * Checks a message of `stream` against the next expected value. A restarted publisher sends
 * again from its last checkpoint, so a message may *start* with values already delivered: those
 * are skipped. After them every value must be exactly the next one; anything else is a
 * SequenceError (a gap: values lost; a duplicate: the same value twice within the new ones).
 */
export function acceptMessage(stream: string, view: DataView, expected: number): Accepted {
  const count = view.byteLength / 8;
  let skip = 0;
  while (skip < count && valueAt(view, skip) < expected) skip++; // already delivered: a resend
  let next = expected;
  for (let i = skip; i < count; i++) {
    const got = valueAt(view, i);
    if (got !== next) throw new SequenceError(stream, got, next); // a gap, or a duplicate among the new values
    next += 1;
  }
  return { skip, next };
}
