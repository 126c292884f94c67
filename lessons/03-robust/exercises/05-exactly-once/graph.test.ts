import { GraphBuilder } from '@steady/runtime';
import { captureLogs, sendAll, takeAll } from '@steady/runtime/testing';
import { expect, it } from 'vitest';
import { buildGraph } from './graph.ts';

it('every value arrives exactly once although the relay failed between a send and its take', async () => {
  const capture = captureLogs();
  try {
    const graph = GraphBuilder.forTesting().build({});
    const [inputTx, inputRx] = graph.channelBuilder().withCapacity(32).build();
    const [outputTx, outputRx] = graph.channelBuilder().withCapacity(32).build();
    buildGraph(graph, inputRx, outputTx);
    sendAll(
      inputTx,
      Array.from({ length: 20 }, (_, i) => i),
      { close: true },
    );
    graph.start();
    await capture.waitFor('restart #1', 5000);
    const received: number[] = [];
    const deadline = performance.now() + 5000;
    while (!outputRx.isClosedAndEmpty() && performance.now() < deadline) {
      received.push(...takeAll(outputRx));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    graph.requestShutdown();
    await graph.blockUntilStopped(2000);
    expect(received).toEqual(Array.from({ length: 20 }, (_, i) => i * 2));
  } finally {
    capture.stop();
  }
});
