import { codecs, GraphBuilder } from '@steady/runtime';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ARGS } from '../src/args.ts';
import { serializeStep } from '../src/publish/actor/serialize.ts';
import { type DeserializeState, deserializeStep } from '../src/subscribe/actor/deserialize.ts';
import { COUNTER_WRAP, expectedCounts, fizzBuzzCode, mapRegions } from '../src/subscribe/fizzbuzz.ts';
import {
  checkSequence,
  groupSizes,
  MAX_GROUP,
  MAX_MESSAGE_BYTES,
  NOT_STARTED,
  packGroup,
  SequenceError,
  valueAt,
} from '../src/wire.ts';

const view = (values: number[]) => {
  const out = new DataView(new ArrayBuffer(values.length * 8));
  packGroup(values, values.length, out);
  return out;
};

describe('the wire format', () => {
  it('packs values as 8 big-endian bytes, beyond 2^32 too', () => {
    expect([...new Uint8Array(view([15]).buffer)]).toEqual([0, 0, 0, 0, 0, 0, 0, 15]);
    expect([...new Uint8Array(view([2 ** 32 + 258]).buffer)]).toEqual([0, 0, 0, 1, 0, 0, 1, 2]);
    expect(valueAt(view([1, 2 ** 40 + 7]), 1)).toBe(2 ** 40 + 7);
  });

  it('groups at most 8188 values (65504 bytes) a message', () => {
    expect(MAX_GROUP).toBe(8188);
    expect(MAX_MESSAGE_BYTES).toBe(65504);
    expect(groupSizes(20_000)).toEqual([8188, 8188, 3624]);
    expect(groupSizes(8188)).toEqual([8188]);
    expect(groupSizes(0)).toEqual([]);
  });

  it('accepts a sequence and names stream, expected and got on a gap or a duplicate', () => {
    expect(checkSequence('generator', view([0, 1, 2]), 0)).toBe(3);
    expect(checkSequence('generator', view([15, 16]), NOT_STARTED)).toBe(17);
    expect(() => checkSequence('generator', view([3, 5]), 3)).toThrow(
      'stream generator out of sequence: expected 4, got 5 (a gap of 1)',
    );
    expect(() => checkSequence('heartbeat', view([7]), 8)).toThrow(SequenceError);
    expect(() => checkSequence('heartbeat', view([7]), 8)).toThrow(/expected 8, got 7 \(a duplicate\)/);
  });

  it('FizzBuzz codes and expected counts', () => {
    expect([0, 3, 5, 7].map(fizzBuzzCode)).toEqual([-3, -1, -2, 7]);
    // Past the int32 range (the fast path ends at the wrap): the same answers, values wrapped.
    const big = COUNTER_WRAP * 3; // a multiple of 15
    expect([big, big + 3, big + 5, big + 7, 2 ** 53 - 1].map(fizzBuzzCode)).toEqual([
      -3,
      -1,
      -2,
      7,
      (2 ** 53 - 1) % COUNTER_WRAP,
    ]);
    expect(expectedCounts(16)).toEqual({ fizz: 4, buzz: 2, fizzBuzz: 2, values: 8 });
  });

  it('maps regions whose input and output wrap at different places', () => {
    const values = Float64Array.from({ length: 10 }, (_, i) => 10 + i);
    const codes = new Int32Array(10);
    mapRegions([values.subarray(0, 3), values.subarray(3)], [codes.subarray(0, 7), codes.subarray(7)], 9);
    expect(Array.from(codes)).toEqual([...Array.from(values.subarray(0, 9), fizzBuzzCode), 0]);
  });
});

describe('serialize and deserialize, on real rings', () => {
  it('20,000 values travel as groups of 8188 and come back in sequence', () => {
    const graph = GraphBuilder.forTesting().build(DEFAULT_ARGS);
    const [inTx, inRx] = graph
      .channelBuilder()
      .withCapacity(1 << 15)
      .withCodec(codecs.f64)
      .build();
    const [streamTx, streamRx] = graph
      .channelBuilder()
      .withCapacity(8)
      .buildStream(1 << 20);
    const [outTx, outRx] = graph
      .channelBuilder()
      .withCapacity(1 << 15)
      .withCodec(codecs.f64)
      .build();
    const values = Float64Array.from({ length: 20_000 }, (_, i) => i);
    expect(inTx.sendSlice(values)).toBe(20_000);
    inTx.publish(); // inside an actor, every await publishes; here we do it by hand
    const moved = serializeStep(
      inRx,
      streamTx,
      new Float64Array(MAX_GROUP),
      new DataView(new ArrayBuffer(MAX_MESSAGE_BYTES)),
    );
    expect(moved).toBe(20_000);
    streamTx.payload.publish();
    streamTx.control.publish();
    expect(streamRx.availItems()).toBe(3);
    const state: DeserializeState = { expected: [NOT_STARTED], values: [0], messages: [0], bytes: [0] };
    expect(deserializeStep('generator', streamRx, outTx, state, 0)).toBe(3);
    expect(state).toMatchObject({ expected: [20_000], values: [20_000], messages: [3], bytes: [160_000] });
    outTx.publish();
    const back = new Float64Array(20_000);
    expect(outRx.takeSlice(back)).toBe(20_000);
    expect(back).toEqual(values);
  });

  it('a duplicated message stops the deserializer', () => {
    const graph = GraphBuilder.forTesting().build(DEFAULT_ARGS);
    const [streamTx, streamRx] = graph
      .channelBuilder()
      .withCapacity(8)
      .buildStream(1 << 16);
    const [outTx] = graph.channelBuilder().withCapacity(64).withCodec(codecs.f64).build();
    const frame = new Uint8Array(view([0, 1]).buffer);
    streamTx.trySend(frame);
    streamTx.trySend(frame);
    streamTx.payload.publish();
    streamTx.control.publish();
    const state: DeserializeState = { expected: [NOT_STARTED], values: [0], messages: [0], bytes: [0] };
    expect(() => deserializeStep('generator', streamRx, outTx, state, 0)).toThrow(/expected 2, got 0/);
  });
});
