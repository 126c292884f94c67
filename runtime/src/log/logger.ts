/**
 * Logging that works the same from any thread.
 *
 * Every thread turns a log call into a plain record; worker threads post their
 * records to the main thread, so one writer (pino) prints every line whole, in
 * order per actor, and tests can capture the records of every thread in one place.
 */
import { isMainThread, parentPort } from 'node:worker_threads';
import pino from 'pino';
import pretty from 'pino-pretty';

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';
export const LOG_LEVELS: readonly LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error'];

export interface LogRecord {
  readonly time: number;
  readonly level: LogLevel;
  /** The actor (or component) that logged, e.g. `heartbeat` or `worker2`. */
  readonly source: string;
  readonly message: string;
}

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
let threshold: LogLevel = parseLevel(process.env.LOG_LEVEL) ?? 'info';
let writer: pino.Logger | undefined;

function parseLevel(value: string | undefined): LogLevel | undefined {
  return LOG_LEVELS.find((l) => l === value?.toLowerCase());
}

function printer(): pino.Logger {
  writer ??= pino(
    { level: 'trace', base: undefined, timestamp: false },
    pretty({
      sync: true,
      colorize: process.stdout.isTTY === true,
      translateTime: 'HH:MM:ss.l',
      ignore: 'pid,hostname',
    }),
  );
  return writer;
}

/** Routes a record: printed on the main thread, posted to it from a worker. */
export function emit(record: LogRecord): void {
  if (!isMainThread) {
    parentPort?.postMessage({ type: 'log', record });
    return;
  }
  deliver(record);
}

/** Main thread only: print and hand to listeners (used for records arriving from workers too). */
export function deliver(record: LogRecord): void {
  for (const listener of listeners) listener(record);
  if (printing && LOG_LEVELS.indexOf(record.level) >= LOG_LEVELS.indexOf(threshold)) {
    printer()[record.level]({ name: record.source, time: record.time }, record.message);
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
