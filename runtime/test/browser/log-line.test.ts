/**
 * The browser prints log lines itself (pino needs Node); they must be the lines pino-pretty
 * prints on Node, with and without colours, for every level.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import pretty from 'pino-pretty';
import { expect, it } from 'vitest';
import { LOG_LEVELS, type LogRecord } from '../../src/log/record.ts';
import { formatLogLine } from '../../src/platform/browser/log-line.ts';

function pinoPrettyLines(records: readonly LogRecord[], colorize: boolean): string[] {
  let text = '';
  const destination = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  const logger = pino(
    { level: 'trace', base: undefined, timestamp: false },
    pretty({ sync: true, colorize, translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname', destination }),
  );
  for (const r of records) logger[r.level]({ name: r.source, time: r.time }, r.message);
  return text.split('\n').filter((line) => line !== '');
}

it('formats every level as pino-pretty does on Node, with and without colours', () => {
  const records: LogRecord[] = LOG_LEVELS.map((level, i) => ({
    time: Date.UTC(2026, 0, 2, 3, 4, 5, 6 + i * 111),
    level,
    source: `actor${i}`,
    message: `message at ${level}: 50% done (rate 20 ms) {json: "no"}`,
  }));
  for (const colours of [false, true]) {
    expect(records.map((r) => formatLogLine(r, colours))).toEqual(pinoPrettyLines(records, colours));
  }
});
