import { GraphBuilder, newState } from '@steady/runtime';
import { takeAll } from '@steady/runtime/testing';
import { expect, it } from 'vitest';
import type { HeartbeatState } from '../../src/actor/heartbeat.ts';
import { internalBehavior } from './heartbeat.ts';

/** Runs one life of the heartbeat until it has sent `count` beats; returns them. */
async function oneLife(state: ReturnType<typeof newState<HeartbeatState>>, count: number): Promise<number[]> {
  const graph = GraphBuilder.forTesting().build({ rate: 5, beats: 1000 });
  const [heartbeatTx, heartbeatRx] = graph.channelBuilder().build();
  graph
    .actorBuilder()
    .withName('heartbeat')
    .build((actor) => internalBehavior(actor, heartbeatTx, state));
  graph.start();
  const deadline = performance.now() + 2000;
  while (heartbeatRx.availUnits() < count && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  graph.requestShutdown();
  await graph.blockUntilStopped(1000);
  return takeAll(heartbeatRx).slice(0, count);
}

it('a second life of the heartbeat continues the count of the first', async () => {
  const state = newState<HeartbeatState>();
  expect(await oneLife(state, 3)).toEqual([0, 1, 2]);
  const second = await oneLife(state, 2);
  expect(second[0], 'first beat of the second life').toBeGreaterThanOrEqual(3);
  expect(second[1]).toBe((second[0] as number) + 1);
});
