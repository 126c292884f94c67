/** A log record: what every thread produces and the main thread prints. */
import type { LogLevel } from '../platform/types.ts';

export type { LogLevel } from '../platform/types.ts';
export const LOG_LEVELS: readonly LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error'];

export interface LogRecord {
  readonly time: number;
  readonly level: LogLevel;
  /** The actor (or component) that logged, e.g. `heartbeat` or `worker2`. */
  readonly source: string;
  readonly message: string;
}
