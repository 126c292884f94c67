/**
 * Ctrl-C in a program's terminal, as steady_state answers it: the first asks every running graph
 * to shut down, so each actor leaves its loop, finishes what it holds and the program ends as it
 * would have on its own; a second one, pressed later, ends the program at once (exit code 130).
 * A program that listens for Ctrl-C itself (lesson 05's runner passes it on to its pods) keeps
 * that job: then its graphs are asked to stop, and the program is never ended from here.
 */
import { platform } from '#platform';
import { requestShutdownOfRunningGraphs } from '../platform/running-graphs.ts';

/** The exit code of a program ended by an interrupt (128 + SIGINT, as a shell reports it). */
export const INTERRUPTED_EXIT_CODE = 130;

/**
 * Interrupts that arrive this close to the first are the same press: a terminal sends Ctrl-C to
 * every process of its foreground group, so a child can get it twice (from the terminal, and
 * passed on by its parent, as lesson 05's runner does for its pods).
 */
const SAME_PRESS_MS = 300;

/**
 * What the first interrupt prints. A terminal's user pressed Ctrl-C and may press it again; a
 * program stopped by its parent (the course page's Stop, a supervisor) hears of no key.
 */
function shuttingDownNotice(fromTerminal: boolean): string {
  return fromTerminal
    ? '\nCtrl-C: the graph is shutting down; press Ctrl-C again to stop at once\n'
    : '\nInterrupted: the graph is shutting down; a second interrupt stops the program at once\n';
}

/** Answers Ctrl-C while the program runs (see above); returns the function that stops answering. */
export function shutDownOnInterrupt(
  write: (text: string) => void = (text) => process.stderr.write(text),
  exit: (code: number) => void = (code) => process.exit(code),
): () => void {
  let firstAt: number | undefined;
  return platform.onInterrupt(({ handledElsewhere, fromTerminal }) => {
    const now = performance.now();
    if (firstAt === undefined) {
      firstAt = now;
      const graphs = requestShutdownOfRunningGraphs();
      if (handledElsewhere) return;
      if (graphs === 0) return exit(INTERRUPTED_EXIT_CODE); // nothing to stop cleanly
      write(shuttingDownNotice(fromTerminal));
    } else if (!handledElsewhere && now - firstAt >= SAME_PRESS_MS) exit(INTERRUPTED_EXIT_CODE);
  });
}
