/**
 * The marks the bench sets inside the page (`page-watch.ts` sets them), for what the engine
 * cannot see: the playground becoming ready, Run and Test pressed, the awaited line in the
 * terminal, the grade shown. Same timeline as the engine's own marks (`src/client/engine/marks.ts`).
 */

export const PAGE_MARKS = {
  playgroundReady: 'bench:playground-ready',
  runPressed: 'bench:run-pressed',
  testPressed: 'bench:test-pressed',
  outputSeen: 'bench:output-seen',
  graded: 'bench:graded',
} as const;

/** When the bench presses Run: once the editor shows, or as soon as the button is enabled. */
export type PressRun = 'the editor shows' | 'it is enabled';

interface Playground {
  terminalText(): string;
  gradings(): number;
}

export interface BenchPage {
  /**
   * Resolves (and marks `outputSeen`) once the terminal matches; rejects after `timeoutMs`. Looks
   * every `pollMs` (default 5 ms); each look reads the whole terminal on the page's main thread.
   */
  waitForTerminal(source: string, flags: string, timeoutMs: number, pollMs?: number): Promise<void>;
  /** Resolves (and marks `graded`) once more than `before` gradings were shown. */
  waitForGrading(before: number, timeoutMs: number): Promise<void>;
  /**
   * Types `args` into the arguments box and presses Run from inside the page, in the same task
   * that sees `when` come true (the editor shown, or Run enabled): a learner's click is one input
   * event, handled as soon as the main thread is free. Resolves once pressed.
   */
  pressRun(args: string, when: PressRun, timeoutMs: number): Promise<void>;
}

declare global {
  interface Window {
    steadyBench: BenchPage;
    steadyPlayground?: Playground;
  }
}
