/**
 * The planned failures of this lesson, in one place so they are easy to find and to switch
 * off (`--no-failures`; unit tests run without them).
 */
export class PlannedFailure extends Error {
  constructor(what: string) {
    super(`planned failure: ${what}`);
    this.name = 'PlannedFailure';
  }
}

/** Throws a PlannedFailure when failures are on and `when` holds. */
export function failIf(enabled: boolean, when: boolean, what: string): void {
  if (enabled && when) throw new PlannedFailure(what);
}

/** The worker cannot process this value: it fails every time it peeks it (a showstopper). */
export const WORKER_POISON = 33;
/** The logger cannot log this value: it fails every time it peeks `Value(41)` (a showstopper). */
export const LOGGER_POISON = 41;
/** Peeks of the same message without a take before it is dropped as a showstopper. */
export const SHOWSTOPPER_PEEKS = 3;
