/**
 * Logging that works the same from any thread.
 *
 * Every thread turns a log call into a plain record; actor threads post their records to
 * the main thread, so one writer prints every line whole, in order per actor, and tests can
 * capture the records of every thread in one place. The writer is the platform's: pino on
 * Node, the host's output sink in a browser (same line format).
 */
import { platform } from '#platform';
import { LOG_LEVELS, type LogLevel, type LogRecord } from './record.ts';

export { LOG_LEVELS, type LogLevel, type LogRecord } from './record.ts';

export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

type RecordListener = (record: LogRecord) => void;

const listeners = new Set<RecordListener>();
let printing = true;
let threshold: LogLevel = parseLevel(platform.env('LOG_LEVEL')) ?? 'info';

function parseLevel(value: string | undefined): LogLevel | undefined {
  return LOG_LEVELS.find((l) => l === value?.toLowerCase());
}

/** Routes a record: printed on the main thread, posted to it from an actor thread. */
export function emit(record: LogRecord): void {
  if (!platform.isMainThread) {
    platform.parentPort?.post({ type: 'log', record });
    return;
  }
  deliver(record);
}

/** Main thread only: print and hand to listeners (used for records arriving from actor threads too). */
export function deliver(record: LogRecord): void {
  for (const listener of listeners) listener(record);
  if (printing && LOG_LEVELS.indexOf(record.level) >= LOG_LEVELS.indexOf(threshold)) {
    platform.printLogRecord(record);
  }
}

export function createLogger(source: string): Logger {
  const at =
    (level: LogLevel) =>
    (message: string): void =>
      emit({ time: Date.now(), level, source, message });
  return { trace: at('trace'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export function setLogLevel(level: LogLevel): void {
  threshold = level;
}

export function logLevel(): LogLevel {
  return threshold;
}

/** Subscribes to every record of every thread (main thread). Returns the unsubscribe function. */
export function onLogRecord(listener: RecordListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Turns printing on or off (tests that capture logs may keep the console quiet). */
export function setLogPrinting(on: boolean): void {
  printing = on;
}
