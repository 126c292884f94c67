/** Captures the log records of every thread, for assertions in tests. */
import { type LogRecord, onLogRecord, setLogPrinting } from '../log/logger.ts';

export class LogCapture {
  readonly records: LogRecord[] = [];
  private readonly unsubscribe: () => void;

  constructor(quiet: boolean) {
    this.unsubscribe = onLogRecord((record) => this.records.push(record));
    if (quiet) setLogPrinting(false);
  }

  /** Each record as `source: message`. */
  lines(): string[] {
    return this.records.map((r) => `${r.source}: ${r.message}`);
  }

  /** Messages of one source (actor). */
  messagesOf(source: string): string[] {
    return this.records.filter((r) => r.source === source).map((r) => r.message);
  }

  /** Throws unless each expected substring appears in a later record than the previous one. */
  expectInOrder(expected: readonly string[]): void {
    const lines = this.lines();
    let from = 0;
    for (const text of expected) {
      const at = lines.findIndex((line, i) => i >= from && line.includes(text));
      if (at < 0) {
        throw new Error(
          `log: expected "${text}" after line ${from} (in order: ${JSON.stringify(expected)}); captured:\n` +
            lines.map((l, i) => `  ${i}: ${l}`).join('\n'),
        );
      }
      from = at + 1;
    }
  }

  /** Resolves when a record containing `text` arrives (or already did); rejects after `timeoutMs`. */
  waitFor(text: string, timeoutMs = 2000): Promise<LogRecord> {
    const found = this.records.find((r) => `${r.source}: ${r.message}`.includes(text));
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`log: "${text}" did not appear within ${timeoutMs} ms`));
      }, timeoutMs);
      const stop = onLogRecord((record) => {
        if (`${record.source}: ${record.message}`.includes(text)) {
          clearTimeout(timer);
          stop();
          resolve(record);
        }
      });
    });
  }

  stop(): void {
    this.unsubscribe();
    setLogPrinting(true);
  }
}

/** Starts capturing. `quiet` (default true) keeps captured lines off the console. */
export function captureLogs(options: { quiet?: boolean } = {}): LogCapture {
  return new LogCapture(options.quiet ?? true);
}
