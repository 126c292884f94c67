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

interface Playground {
  terminalText(): string;
  gradings(): number;
}

export interface BenchPage {
  /** Resolves (and marks `outputSeen`) once the terminal matches; rejects after `timeoutMs`. */
  waitForTerminal(source: string, flags: string, timeoutMs: number): Promise<void>;
  /** Resolves (and marks `graded`) once more than `before` gradings were shown. */
  waitForGrading(before: number, timeoutMs: number): Promise<void>;
  /** How long the page's main thread was busy in long tasks (> 50 ms) between two times. */
  longTaskMs(from: number, to: number): number;
  /** The scripts that ran longest in long animation frames between two times (Chromium's attribution). */
  slowScripts(from: number, to: number): { source: string; ms: number }[];
}

declare global {
  interface Window {
    steadyBench: BenchPage;
    steadyPlayground?: Playground;
  }
}
