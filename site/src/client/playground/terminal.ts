/** The terminal panel: xterm.js with the fit add-on, read-only, colours as the process prints them. */
import type { Terminal } from '@xterm/xterm';

export interface TerminalPanel {
  readonly terminal: Terminal;
  write(data: string): void;
  clear(): void;
  /** Everything in the terminal's buffer, as plain text (what is written, rendered or not yet). */
  text(): string;
  setDark(dark: boolean): void;
  dispose(): void;
}

const LIGHT = {
  background: '#f6f8fa',
  foreground: '#24292e',
  cursor: '#f6f8fa',
  selectionBackground: '#c8e1ff',
};
const DARK = {
  background: '#161618',
  foreground: '#e1e4e8',
  cursor: '#161618',
  selectionBackground: '#3a4a5c',
};

export async function createTerminal(host: HTMLElement, dark: boolean): Promise<TerminalPanel> {
  const [{ Terminal }, { FitAddon }] = await Promise.all([
    import('@xterm/xterm'),
    import('@xterm/addon-fit'),
    import('@xterm/xterm/css/xterm.css'),
  ]);
  const terminal = new Terminal({
    convertEol: true,
    disableStdin: true,
    cursorBlink: false,
    fontSize: 13,
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
    scrollback: 5000,
    // An accessible copy of the rows, so screen readers can read the output.
    screenReaderMode: true,
    theme: dark ? DARK : LIGHT,
  });
  const fit = new FitAddon();
  terminal.loadAddon(fit);
  terminal.open(host);
  terminal.textarea?.setAttribute('aria-label', 'Terminal output');
  const refit = () => {
    try {
      fit.fit();
    } catch {
      // not visible yet
    }
  };
  refit();
  const observer = new ResizeObserver(refit);
  observer.observe(host);
  return {
    terminal,
    write: (data) => terminal.write(data),
    clear: () => terminal.clear(),
    text: () => {
      const buffer = terminal.buffer.active;
      const lines: string[] = [];
      for (let i = 0; i < buffer.length; i++) {
        const line = buffer.getLine(i);
        const text = line?.translateToString(true) ?? '';
        // A line wrapped by the terminal's width continues the one before.
        if (line?.isWrapped && lines.length) lines[lines.length - 1] += text;
        else lines.push(text);
      }
      return lines.join('\n').trimEnd();
    },
    setDark: (d) => {
      terminal.options.theme = d ? DARK : LIGHT;
    },
    dispose: () => {
      observer.disconnect();
      terminal.dispose();
    },
  };
}
