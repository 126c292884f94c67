/**
 * The bench's eyes inside the page: bundled by `browser.ts` and added as an init script, so it
 * runs before any script of the site. Sets the marks of `page-marks.ts` and offers the bench
 * `window.steadyBench` to press Run, and to wait for a terminal line or a grade without polling
 * from outside.
 */
import { PAGE_MARKS } from './page-marks.ts';

/** How often a wait looks, by default: often enough to time a line to a few ms. */
const POLL_MS = 5;

async function pollUntil(
  done: () => boolean,
  what: string,
  timeoutMs: number,
  pollMs = POLL_MS,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > deadline)
      throw new Error(`${what} within ${timeoutMs} ms: ${window.steadyPlayground?.terminalText() ?? ''}`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

window.steadyBench = {
  pressRun(args, when, timeoutMs) {
    const condition =
      when === 'the editor shows'
        ? '[data-testid=playground][data-editor-ready=true]'
        : '[data-testid=run]:not([disabled])';
    const press = (): boolean => {
      const run = document.querySelector<HTMLButtonElement>('[data-testid=run]');
      const input = document.querySelector<HTMLInputElement>('[data-testid=args]');
      if (!run || run.disabled || !input || !document.querySelector(condition)) return false;
      input.value = args;
      input.dispatchEvent(new Event('input', { bubbles: true })); // what typing does: v-model follows
      run.click();
      return true;
    };
    if (press()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const watch = new MutationObserver(() => {
        if (!press()) return;
        watch.disconnect();
        clearTimeout(timer);
        resolve();
      });
      watch.observe(document, { subtree: true, childList: true, attributes: true });
      const timer = setTimeout(() => {
        watch.disconnect();
        reject(new Error(`Run could not be pressed (${when}) within ${timeoutMs} ms`));
      }, timeoutMs);
    });
  },
  async waitForTerminal(source, flags, timeoutMs, pollMs) {
    const pattern = new RegExp(source, flags);
    await pollUntil(
      () => pattern.test(window.steadyPlayground?.terminalText() ?? ''),
      `no ${pattern} in the terminal`,
      timeoutMs,
      pollMs,
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
