/** Waiting in tests for something that happens on another thread or timer, without guessing a sleep. */

/**
 * Resolves as soon as `condition` holds, checking it every `pollMs`; rejects once `timeoutMs`
 * has passed without it holding. A test that waits this way is as fast as the system under test
 * on an idle machine, and still passes on a loaded one, where any fixed sleep would be a guess.
 *
 * `what` names what was awaited, for the error ("timed out after 3000 ms waiting for 2 beats");
 * pass a function to describe it from the latest state (called once, on timeout). The condition
 * may be async (e.g. fetching from a telemetry server); it is not called again until it settles.
 */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 3000,
  what: string | (() => string) = 'the condition',
  pollMs = 5,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) {
      const described = typeof what === 'function' ? what() : what;
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${described}`);
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
