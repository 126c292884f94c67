/**
 * Where a session's output goes. Run is enabled as soon as an engine is chosen, while xterm is
 * still loading: output that arrives before the terminal is attached is kept and written to it
 * on attach, so a quick first Run loses nothing.
 */
import type { TerminalPanel } from './terminal.ts';

/** The part of the terminal panel the sink writes to. */
type Output = Pick<TerminalPanel, 'write' | 'clear' | 'text'>;

export class TerminalSink {
  private terminal: Output | undefined;
  private early: string[] = [];

  readonly write = (data: string): void => {
    if (this.terminal) this.terminal.write(data);
    else this.early.push(data);
  };

  attach(terminal: Output): void {
    this.terminal = terminal;
    for (const data of this.early) terminal.write(data);
    this.early = [];
  }

  /** A new Run or Test starts with an empty terminal. */
  clear(): void {
    this.terminal?.clear();
    this.early = [];
  }

  /** What the terminal shows, plus what waits for it. */
  text(): string {
    return (this.terminal?.text() ?? '') + this.early.join('');
  }
}
