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
    await capture.waitFor('restart #1', 15_000); // a worker thread to start: slow on a busy machine
    const received: number[] = [];
    const deadline = performance.now() + 15_000;
    while (!outputRx.isClosedAndEmpty() && performance.now() < deadline) {
      received.push(...takeAll(outputRx));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    graph.requestShutdown();
    await graph.blockUntilStopped(2000);
    expect(
      received,
      'each value must arrive exactly once although the relay failed between a send and its take: build the relay withExactlyOnce(), so that its sends and takes commit together and a failure rolls both back',
    ).toEqual(Array.from({ length: 20 }, (_, i) => i * 2));
  } finally {
    capture.stop();
  }
}, 60_000); // worker threads and telemetry frames: slow on a busy machine
