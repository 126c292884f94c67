import { expect, it } from 'vitest';
import { SequenceError } from '../../src/wire.ts';
import { checkSequence } from './sequence.ts';

const message = (values: number[]) => {
  const view = new DataView(new ArrayBuffer(values.length * 8));
  values.forEach((v, i) => {
    view.setUint32(i * 8, Math.floor(v / 2 ** 32));
    view.setUint32(i * 8 + 4, v >>> 0);
  });
  return view;
};

it('accepts a message that continues the sequence', () => {
  expect(checkSequence('generator', message([10, 11, 12]), 10)).toBe(13);
});

it('reports a gap with stream, expected and got', () => {
  expect(() => checkSequence('generator', message([10, 11, 13]), 10)).toThrow(SequenceError);
  expect(() => checkSequence('generator', message([10, 11, 13]), 10)).toThrow(
    /generator.*expected 12, got 13/,
  );
});

it('reports a duplicate', () => {
  expect(() => checkSequence('heartbeat', message([4]), 5)).toThrow(/heartbeat.*expected 5, got 4/);
});
