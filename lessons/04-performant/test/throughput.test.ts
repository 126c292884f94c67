import { codecs, GraphBuilder } from '@steady/runtime';
import { captureLogs, sendAll, takeAll } from '@steady/runtime/testing';
import { expect, it } from 'vitest';
import { formatRate, ThroughputMeter } from '../src/throughput.ts';

it('formats rates with a unit', () => {
  expect([532, 1534, 2_500_000, 412_345_678, 1_230_000_000].map(formatRate)).toEqual([
    '532',
    '1.5K',
    '2.5M',
    '412.3M',
    '1.23G',
  ]);
});

it('reads throughput from the ring counters and totals the last channel', async () => {
  const capture = captureLogs();
  try {
    const graph = GraphBuilder.forTesting().build({});
    const [generatorTx, generatorRx] = graph.channelBuilder().withCodec(codecs.i32).withCapacity(64).build();
    const [workerTx, workerRx] = graph.channelBuilder().withCodec(codecs.i32).withCapacity(64).build();
    const meter = new ThroughputMeter([
      { label: 'generator', tx: generatorTx },
      { label: 'worker', tx: workerTx },
    ]);
    meter.start(60_000); // no line by timer during the test: we ask for one
    sendAll(generatorTx, [1, 2, 3, 4, 5]);
    sendAll(workerTx, [1, 2, 3]);
    expect(meter.line()).toMatch(/^generator [\d.]+[KMG]?\/s, worker [\d.]+[KMG]?\/s$/);
    takeAll(workerRx);
    takeAll(generatorRx);
    sendAll(workerTx, [4, 5]);
    const { total, seconds, perSecond } = meter.stop();
    expect(total).toBe(5); // the worker channel: 3 + 2, counted across two samples
    expect(seconds).toBeGreaterThan(0);
    expect(perSecond).toBeCloseTo(total / seconds);
  } finally {
    capture.stop();
  }
});
