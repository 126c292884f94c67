import { expect, it } from 'vitest';
import { SequenceError } from '../../src/wire.ts';
import { acceptMessage } from './accept.ts';

const message = (values: number[]) => {
  const view = new DataView(new ArrayBuffer(values.length * 8));
  for (const [i, v] of values.entries()) view.setBigUint64(i * 8, BigInt(v));
  return view;
};

/** What acceptMessage answers, or the error it throws (as text). */
function outcome(stream: string, values: number[], expected: number) {
  try {
    return acceptMessage(stream, message(values), expected);
  } catch (error) {
    return error instanceof SequenceError ? `SequenceError: ${error.message}` : `other error: ${error}`;
  }
}

/** The outcome as text, for the cases that must throw. */
const described = (stream: string, values: number[], expected: number) => {
  const result = outcome(stream, values, expected);
  return typeof result === 'string' ? result : `no error: accepted ${JSON.stringify(result)}`;
};

it('delivers a message that continues the sequence', () => {
  expect(outcome('generator', [10, 11, 12], 10), 'nothing to skip, next 13').toEqual({ skip: 0, next: 13 });
});

it('skips the values a restarted publisher sends again, and delivers the rest', () => {
  expect(
    outcome('generator', [8, 9, 10, 11], 10),
    'a resend from 8 when 10 is expected: skip the 2 values already delivered, next 12',
  ).toEqual({ skip: 2, next: 12 });
  expect(
    outcome('generator', [5, 6], 10),
    'a message of old values only: skip both, still expecting 10',
  ).toEqual({ skip: 2, next: 10 });
});

it('a gap after the resent values is still a SequenceError', () => {
  expect(
    described('generator', [9, 10, 12], 10),
    '9 resent, 10 new, then 12: a SequenceError (expected 11, got 12)',
  ).toMatch(/^SequenceError: .*generator.*expected 11, got 12/);
  expect(
    described('generator', [8, 12, 13], 10),
    '8 resent, then 12 where 10 is expected: a gap right after the resend, a SequenceError (expected 10, got 12)',
  ).toMatch(/^SequenceError: .*generator.*expected 10, got 12/);
});

it('a duplicate among the new values is a SequenceError, not a resend', () => {
  expect(
    described('heartbeat', [10, 11, 11], 10),
    '10 and 11 new, then 11 again: a SequenceError (expected 12, got 11)',
  ).toMatch(/^SequenceError: .*heartbeat.*expected 12, got 11/);
});

it('a gap at the start is a SequenceError', () => {
  expect(described('heartbeat', [12, 13], 10), '12 when 10 is expected: a SequenceError').toMatch(
    /^SequenceError: .*heartbeat.*expected 10, got 12/,
  );
});
