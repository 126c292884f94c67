/**
 * One log record as one printed line, in the format pino-pretty gives the runtime on Node
 * (`[13:04:05.007] INFO (heartbeat): message`, level and message coloured on a terminal), so
 * a program prints the same lines wherever it runs. A test holds the two formats equal.
 */
import type { LogLevel, PrintableRecord } from '../types.ts';

const LEVEL_COLOUR: Readonly<Record<LogLevel, number>> = {
  trace: 90, // grey
  debug: 34, // blue
  info: 32, // green
  warn: 33, // yellow
  error: 31, // red
};
const MESSAGE_COLOUR = 36; // cyan

const paint = (code: number, text: string) => `\u001b[${code}m${text}\u001b[39m`;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `HH:MM:ss.l` in local time, as pino-pretty's translateTime prints it. */
export function clockTime(time: number): string {
  const at = new Date(time);
  return `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}.${pad(at.getMilliseconds(), 3)}`;
}

/** The line for a record, without its newline. */
export function formatLogLine(record: PrintableRecord, colours: boolean): string {
  const level = record.level.toUpperCase();
  return colours
    ? `[${clockTime(record.time)}] ${paint(LEVEL_COLOUR[record.level], level)} (${record.source}): ${paint(MESSAGE_COLOUR, record.message)}`
    : `[${clockTime(record.time)}] ${level} (${record.source}): ${record.message}`;
}
