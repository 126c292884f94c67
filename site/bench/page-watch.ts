/**
 * The bench's eyes inside the page: bundled by `browser.ts` and added as an init script, so it
 * runs before any script of the site. Sets the marks of `page-marks.ts` and offers the bench
 * `window.steadyBench` to wait for a terminal line or a grade without polling from outside.
 */
import { PAGE_MARKS } from './page-marks.ts';

const POLL_MS = 5;

async function pollUntil(done: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > deadline)
      throw new Error(`${what} within ${timeoutMs} ms: ${window.steadyPlayground?.terminalText() ?? ''}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** The page's long tasks since it started loading: time in which a click waits for the main thread. */
const longTasks: { start: number; end: number }[] = [];
new PerformanceObserver((list) => {
  for (const task of list.getEntries())
    longTasks.push({ start: task.startTime, end: task.startTime + task.duration });
}).observe({ type: 'longtask', buffered: true });

/** Scripts of long animation frames (what kept a frame, or a click, waiting), where the browser names them. */
interface ScriptTiming extends PerformanceEntry {
  readonly sourceURL?: string;
  readonly sourceFunctionName?: string;
  readonly invoker?: string;
}
const slowScripts: { start: number; end: number; source: string }[] = [];
try {
  new PerformanceObserver((list) => {
    for (const frame of list.getEntries() as (PerformanceEntry & { scripts?: ScriptTiming[] })[])
      for (const script of frame.scripts ?? []) {
        const file = (script.sourceURL ?? '').replace(/^.*\//, '');
        const source = `${file || script.invoker || '?'} ${script.sourceFunctionName ?? ''}`.trim();
        slowScripts.push({ start: script.startTime, end: script.startTime + script.duration, source });
      }
  }).observe({ type: 'long-animation-frame', buffered: true });
} catch {
  // A browser without long-animation-frame entries: the bench prints no attribution.
}

window.steadyBench = {
  slowScripts(from, to) {
    const bySource = new Map<string, number>();
    for (const script of slowScripts) {
      const ms = Math.min(script.end, to) - Math.max(script.start, from);
      if (ms > 0) bySource.set(script.source, (bySource.get(script.source) ?? 0) + ms);
    }
    return [...bySource]
      .map(([source, ms]) => ({ source, ms }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 5);
  },
  longTaskMs(from, to) {
    let busy = 0;
    for (const task of longTasks) busy += Math.max(0, Math.min(task.end, to) - Math.max(task.start, from));
    return busy;
  },
  async waitForTerminal(source, flags, timeoutMs) {
    const pattern = new RegExp(source, flags);
    await pollUntil(
      () => pattern.test(window.steadyPlayground?.terminalText() ?? ''),
      `no ${pattern} in the terminal`,
      timeoutMs,
    );
    performance.mark(PAGE_MARKS.outputSeen);
  },
  async waitForGrading(before, timeoutMs) {
    await pollUntil(() => (window.steadyPlayground?.gradings() ?? 0) > before, 'no grade', timeoutMs);
    performance.mark(PAGE_MARKS.graded);
  },
};

document.addEventListener(
  'click',
  (event) => {
    const target = event.target instanceof Element ? event.target.closest('[data-testid]') : null;
    const id = target?.getAttribute('data-testid');
    if (id === 'run') performance.mark(PAGE_MARKS.runPressed);
    if (id === 'test') performance.mark(PAGE_MARKS.testPressed);
  },
  true,
);

const ready = new MutationObserver(() => {
  if (!document.querySelector('[data-testid=playground][data-editor-ready=true]')) return;
  performance.mark(PAGE_MARKS.playgroundReady);
  ready.disconnect();
});
ready.observe(document, {
  subtree: true,
  childList: true,
  attributes: true,
  attributeFilter: ['data-editor-ready'],
});
