/**
 * What the end-to-end tests share: starting the course as `npm start` does, and steps that each
 * wait for the state the next step needs (the editor shows the clicked file, the run has started,
 * the grade has arrived), never for a length of time. Two busy cores make every step slow, not
 * out of order.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** Generous limits: the machine may be shared with several other heavy jobs. */
export const LONG = 120_000;

/**
 * Starts what `npm start` starts (building the site if its sources changed) and resolves with the
 * process and the login address it prints (`<site>/__steady/login/<code>`).
 */
export function startCourse(
  siteDir: string,
  workDir: string,
): Promise<{ server: ChildProcess; loginUrl: string }> {
  return new Promise((resolve, reject) => {
    const server = spawn(process.execPath, ['--import', 'tsx', 'src/node/start.ts', '--port', '0'], {
      cwd: siteDir,
      env: { ...process.env, STEADY_WORK_DIR: workDir },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    const timer = setTimeout(() => reject(new Error(`the course did not start in time:\n${log}`)), 600_000);
    const onData = (chunk: Buffer) => {
      log += chunk;
      const found = /open (http:\/\/127\.0\.0\.1:\d+\/__steady\/login\/[0-9a-f]+)/.exec(log);
      if (found) {
        clearTimeout(timer);
        resolve({ server, loginUrl: found[1]! });
      }
    };
    server.stdout?.on('data', onData);
    server.stderr?.on('data', onData);
    server.once('exit', (code) => reject(new Error(`the course server exited (${code}):\n${log}`)));
  });
}

/** What the terminal holds (its buffer: the rows on screen may wait for the next frame to render). */
export const terminalText = (p: Page) =>
  p.evaluate('window.steadyPlayground.terminalText()') as Promise<string>;

export async function waitForTerminal(p: Page, pattern: RegExp, timeout = LONG): Promise<string> {
  await p.waitForFunction(`${pattern}.test(window.steadyPlayground.terminalText())`, undefined, {
    timeout,
    polling: 100,
  });
  return terminalText(p);
}

export const editorValue = (p: Page) =>
  p.evaluate('window.steadyPlayground.editor.getValue()') as Promise<string>;

/** Waits until the editor's model is `path`'s (its URI ends with the lesson path) and the file bar says so. */
export async function waitForEditorFile(p: Page, path: string): Promise<void> {
  await p.waitForFunction(
    (want) => {
      const handle = (
        window as unknown as {
          steadyPlayground?: { editor?: { getModel(): { uri: { path: string } } | null } };
        }
      ).steadyPlayground;
      const uri = handle?.editor?.getModel()?.uri.path ?? '';
      return (
        uri.endsWith(`/${want}`) && document.querySelector('[data-testid=current-file]')?.textContent === want
      );
    },
    path,
    { timeout: LONG, polling: 50 },
  );
}

/** Clicks a file in the list and waits until the editor shows it. */
export async function openFile(p: Page, path: string): Promise<void> {
  await p.click(`[data-path="${path}"]`);
  await waitForEditorFile(p, path);
}

/** Waits until the editor's text satisfies `test` (a JavaScript expression over `value`). */
export async function waitForEditorValue(
  p: Page,
  expected: { includes?: string; equals?: string },
): Promise<string> {
  await p.waitForFunction(
    ({ includes, equals }) => {
      const value = (
        window as unknown as { steadyPlayground: { editor: { getValue(): string } } }
      ).steadyPlayground.editor.getValue();
      return (
        (includes === undefined || value.includes(includes)) && (equals === undefined || value === equals)
      );
    },
    expected,
    { timeout: LONG, polling: 50 },
  );
  return editorValue(p);
}

/** Replaces the current file's text through Monaco and waits until the editor holds it. */
export async function setEditorValue(p: Page, text: string): Promise<void> {
  await p.evaluate(
    (t) =>
      (
        window as unknown as { steadyPlayground: { editor: { setValue(t: string): void } } }
      ).steadyPlayground.editor.setValue(t),
    text,
  );
  await waitForEditorValue(p, { equals: text });
}

/**
 * Clicks into the editor's text and waits until Monaco has the keyboard focus. The click goes to the
 * editor's box, on its first visible line just right of the line numbers: Monaco's lines element
 * is as wide and tall as the text, so its centre (or its corner, once scrolled) may lie outside a
 * narrow editor (beside the text).
 */
export async function focusEditor(p: Page): Promise<void> {
  await p.click('[data-testid=editor]', { position: { x: 90, y: 10 } });
  await p.waitForFunction('window.steadyPlayground.editor.hasTextFocus()', undefined, {
    timeout: LONG,
    polling: 50,
  });
}

/** How many grades the page has received so far. */
export const gradings = (p: Page) => p.evaluate('window.steadyPlayground.gradings()') as Promise<number>;

/** Waits for the grade after `before` (from `gradings`) and for the results list to show it. */
export async function waitForGrade(p: Page, before: number): Promise<void> {
  await p.waitForFunction(`window.steadyPlayground.gradings() > ${before}`, undefined, {
    timeout: 240_000,
    polling: 200,
  });
  await p.waitForSelector('[data-testid=results] li[data-exercise]', { timeout: LONG });
}

/** Waits until the status line says something runs (the click has reached the engine). */
export async function waitForRunning(p: Page, phase: 'running' | 'testing'): Promise<void> {
  await p.waitForSelector(`[data-testid=status][data-phase=${phase}]`, { timeout: LONG });
}

/** The pinned axe-core, injected into the page; resolves with its serious and critical violations. */
export async function seriousViolations(p: Page): Promise<{ id: string; impact: string; nodes: string[] }[]> {
  const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await p.addScriptTag({ content: source });
  return (await p.evaluate(`(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ' :: ' + n.failureSummary) }));
  })()`)) as { id: string; impact: string; nodes: string[] }[];
}
