/**
 * What a learner reads when a test never got its thread back, wherever the tests ran: graded on
 * Node (`starvation-watchdog.js`), or in the course's page (the browser engine). Plain JavaScript,
 * because vitest loads the results reporter that uses it.
 */

/** How long a test's thread may go without a single turn before the test is stopped. */
export const STARVED_LIMIT_MS = 15_000;

/** How often a watched test's thread says it had a turn. */
export const TURN_MS = 200;

/**
 * The failure of a test stopped after `ms` without a turn.
 * @param {number} ms
 * @returns {string}
 */
export function starvedTestMessage(ms) {
  return (
    `Error: the test got no turn for ${Math.round(ms / 1000)} s and was stopped: your code kept its thread busy without ever really waiting. ` +
    'A loop that awaits promises that have already settled (a wait made once, before the loop) or awaits nothing at all runs for ever, and no timer, message or timeout gets a turn: make every wait inside the loop, so that each turn waits anew.'
  );
}
