import { GraphBuilder } from '@steady/runtime';
import { captureLogs } from '@steady/runtime/testing';
import { expect, it } from 'vitest';
import { internalBehavior as producer } from './producer.ts';
import { totaller } from './totaller.ts';

it('the consumer learns that the stream is over, totals every value, and stops the graph', async () => {
  const capture = captureLogs();
  try {
    const graph = GraphBuilder.forTesting().build({});
    const [valuesTx, valuesRx] = graph.channelBuilder().withCapacity(16).build();
    graph
      .actorBuilder()
      .withName('producer')
      .build((actor) => producer(actor, valuesTx, 100));
    graph
      .actorBuilder()
      .withName('totaller')
      .build((actor) => totaller(actor, valuesRx));
    graph.start();
    const total = await capture.waitFor('totaller: total of', 3000).then(
      (record) => record.message,
      () => 'no total: the totaller is still waiting for the end of the stream',
    );
    if (!graph.control.isShutdownRequested()) graph.requestShutdown(); // clean up before failing
    await graph.blockUntilStopped(1000).catch(() => {});
    expect(
      total,
      'the totaller must learn that the stream is over: mark the output closed once the last value is sent, and only then',
    ).toBe('total of 100 values: 4950');
  } finally {
    capture.stop();
  }
});
