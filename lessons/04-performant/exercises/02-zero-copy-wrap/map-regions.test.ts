import { codecs, GraphBuilder } from '@steady/runtime';
import { sendAll, takeAll } from '@steady/runtime/testing';
import { expect, it } from 'vitest';
import { fizzBuzzCode } from '../../src/fizzbuzz.ts';
import { mapRegions } from './map-regions.ts';

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

/** Two 16-slot rings whose positions stand at `inAt` and `outAt`; 12 values wait in the input. */
function rings(inAt: number, outAt: number) {
  const graph = GraphBuilder.forTesting().build({});
  const ring = (at: number) => {
    const [tx, rx] = graph.channelBuilder().withCodec(codecs.i32).withCapacity(16).build();
    sendAll(tx, range(0, at));
    takeAll(rx);
    return [tx, rx] as const;
  };
  const [generatorTx, generatorRx] = ring(inAt);
  const [workerTx, workerRx] = ring(outAt);
  sendAll(generatorTx, range(30, 12));
  return { generatorRx, workerTx, workerRx };
}

it.each([
  ['neither ring wraps', 0, 2],
  ['only the input wraps', 10, 2],
  ['only the output wraps', 2, 10],
  ['both wrap, at different points', 8, 12],
  ['both wrap, at the same point', 9, 9],
])('%s (input at %i, output at %i): all 12 messages mapped in order', (_, inAt, outAt) => {
  const { generatorRx, workerTx, workerRx } = rings(inAt, outAt);
  mapRegions(generatorRx.peekSlice(), workerTx.pokeSlice(), 12);
  workerTx.advanceSendIndex(12);
  expect(takeAll(workerRx)).toEqual(range(30, 12).map(fizzBuzzCode));
});
