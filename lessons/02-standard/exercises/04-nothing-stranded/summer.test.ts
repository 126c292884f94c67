import { GraphBuilder } from '@steady/runtime';
import { sendAll, takeAll, waitUntil } from '@steady/runtime/testing';
import { expect, it } from 'vitest';
import { internalBehavior } from './summer.ts';

it('sums on each heartbeat only, and at shutdown sums what is left without one', async () => {
  const graph = GraphBuilder.forTesting().build({});
  const [beatTx, beatRx] = graph.channelBuilder().build();
  const [valuesTx, valuesRx] = graph.channelBuilder().build();
  const [sumsTx, sumsRx] = graph.channelBuilder().build();
  graph
    .actorBuilder()
    .withName('summer')
    .build((actor) => internalBehavior(actor, beatRx, valuesRx, sumsTx));
  sendAll(valuesTx, [1, 2, 3]);
  graph.start();
  try {
    // The summer shares this thread: in 200 ms it has had every chance to act on the values.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(
      takeAll(sumsRx),
      'without a heartbeat nothing may be sent while the graph runs: the heartbeat sets the pace',
    ).toEqual([]);

    sendAll(valuesTx, [4]);
    sendAll(beatTx, [0]);
    // No sum within 3 s: the expectation below says what is missing.
    await waitUntil(() => sumsRx.availUnits() > 0 || graph.actorStatus(0).stopped, 3000).catch(() => {});
    expect(takeAll(sumsRx), 'one heartbeat: one sum of every value waiting (1 + 2 + 3 + 4)').toEqual([10]);
    expect(
      beatRx.availUnits(),
      'the heartbeat must be taken (tryTake), not just looked at: each heartbeat allows one sum',
    ).toBe(0);

    // Shutdown: the heartbeat has stopped for good, two values are still waiting.
    sendAll(valuesTx, [5, 6], { close: true });
    beatTx.markClosed();
    graph.requestShutdown();
    const outcome = await graph.blockUntilStopped(1000).then(
      () => 'clean',
      (error: Error) => error.message,
    );
    expect(
      takeAll(sumsRx),
      'the values left at shutdown must still be summed and sent: when the wait comes back unclean, do one more batch without a heartbeat',
    ).toEqual([11]);
    expect(outcome, 'the summer stops cleanly once it has sent the last sum').toBe('clean');
  } finally {
    if (!graph.control.isShutdownRequested()) {
      graph.requestShutdown(); // an earlier expectation failed: stop the graph before reporting it
      await graph.blockUntilStopped(1000).catch(() => {});
    }
  }
});
