import { GraphBuilder } from '@steady/runtime';
import { captureLogs, sendAll, takeAll, waitUntil } from '@steady/runtime/testing';
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
    // The relay's failure (a worker thread to start first: slow on a busy machine).
    await capture.waitFor('failed between send and take', 15_000);
    // Everything the relay sends, until it closes its output (or 15 s pass: then the values say what is missing).
    const received: number[] = [];
    const drained = () => {
      received.push(...takeAll(outputRx));
      return outputRx.isClosedAndEmpty();
    };
    await waitUntil(drained, 15_000, 'the relay closing its output', 5).catch(() => undefined);
    graph.requestShutdown();
    const stopped = await graph.blockUntilStopped(2000).then(
      () => 'stopped cleanly',
      (error: Error) => error.message.split('\n')[0],
    );
    expect(
      received,
      'each value must arrive exactly once although the relay failed between a send and its take: build the relay withExactlyOnce(), so that its sends and takes commit together and a failure rolls both back',
    ).toEqual(Array.from({ length: 20 }, (_, i) => i * 2));
    expect(stopped, 'the relay finishes its work after its restart, and the graph stops cleanly').toBe(
      'stopped cleanly',
    );
  } finally {
    capture.stop();
  }
}, 60_000); // worker threads and telemetry frames: slow on a busy machine
