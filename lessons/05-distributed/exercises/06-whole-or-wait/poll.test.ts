import { GraphBuilder } from '@steady/runtime';
import { takeAll } from '@steady/runtime/testing';
import { expect, it } from 'vitest';
import { pollInto } from './poll.ts';

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);
const message = (values: number[]) => {
  const view = new DataView(new ArrayBuffer(values.length * 8));
  for (const [i, v] of values.entries()) view.setBigUint64(i * 8, BigInt(v));
  return view;
};

it('a message goes into the ring whole or waits, in order, and nothing is lost or written twice', () => {
  const graph = GraphBuilder.forTesting().build({});
  const [valuesTx, valuesRx] = graph.channelBuilder().withCapacity(8).build();
  // Three messages from the network: 5 values, 5 values, 2 values; the ring holds 8.
  const received = [message(range(0, 5)), message(range(5, 5)), message(range(10, 2))];

  expect(
    pollInto(received, valuesTx),
    'messages delivered by the first poll: message 1 fits; message 2 does not fit whole, and polling stops at it',
  ).toBe(1);
  expect(received.length, 'messages still to poll: message 2 stays at the front, message 3 behind it').toBe(
    2,
  );
  valuesTx.publish();
  expect(
    takeAll(valuesRx),
    'values in the ring after the first poll: message 1 whole, and nothing of message 2 is written',
  ).toEqual(range(0, 5));

  expect(pollInto(received, valuesTx), 'messages delivered once the ring was drained: 2 and 3').toBe(2);
  expect(received.length, 'messages still to poll').toBe(0);
  valuesTx.publish();
  expect(takeAll(valuesRx), 'values after the second poll: messages 2 and 3, in order').toEqual(range(5, 7));
});

it('a message that fills the room exactly goes in', () => {
  const graph = GraphBuilder.forTesting().build({});
  const [valuesTx, valuesRx] = graph.channelBuilder().withCapacity(8).build();
  // 5 values, then 3: the second leaves the ring of 8 exactly full.
  const received = [message(range(0, 5)), message(range(5, 3))];
  expect(
    pollInto(received, valuesTx),
    'messages delivered: after message 1 the ring has room for 3 values, and message 2 has 3: it fits whole',
  ).toBe(2);
  valuesTx.publish();
  expect(takeAll(valuesRx), 'values in the ring: both messages, in order').toEqual(range(0, 8));
});
