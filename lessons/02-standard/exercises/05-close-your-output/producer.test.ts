import { GraphBuilder } from '@steady/runtime';
import { captureLogs } from '@steady/runtime/testing';
import { expect, it } from 'vitest';
import { internalBehavior as producer } from './producer.ts';
import { totaller } from './totaller.ts';

it.each([100, 40])(
  'the consumer learns that a stream of %i values is over, totals them, and stops the graph',
  async (count) => {
    const capture = captureLogs();
    try {
      const graph = GraphBuilder.forTesting().build({});
      const [valuesTx, valuesRx] = graph.channelBuilder().withCapacity(16).build();
      graph
        .actorBuilder()
        .withName('producer')
        .build((actor) => producer(actor, valuesTx, count));
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
        `the totaller must learn that the stream of ${count} values is over: mark the output closed once the last value is sent (the count is an argument), and only then`,
      ).toBe(`total of ${count} values: ${(count * (count - 1)) / 2}`);
    } finally {
      capture.stop();
    }
  },
);
