import { GraphBuilder, newState } from '@steady/runtime';
import { captureLogs, takeAll } from '@steady/runtime/testing';
import { expect, it } from 'vitest';
import type { GeneratorState } from '../../src/actor/generator.ts';
import { TEST_ARGS } from '../../src/args.ts';
import { internalBehavior } from './generator.ts';

it('each life of the generator says which restart it is and the value it resumes from', async () => {
  const capture = captureLogs();
  try {
    const graph = GraphBuilder.forTesting().build({ ...TEST_ARGS, failures: true });
    const [tx, rx] = graph.channelBuilder().withCapacity(8).build();
    const state = newState<GeneratorState>();
    graph
      .actorBuilder()
      .withName('generator')
      .build((actor) => internalBehavior(actor, tx, state));
    graph.start();
    const deadline = performance.now() + 3000;
    while (!capture.lines().some((l) => l.includes('restart #1')) && performance.now() < deadline) {
      takeAll(rx); // keep the generator looping
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    graph.requestShutdown();
    await graph.blockUntilStopped(1000);
    const starts = capture.messagesOf('generator').filter((m) => m.startsWith('starting'));
    expect(starts[0]).toBe('starting (restart #0) with next value 0');
    expect(starts[1]).toMatch(/^starting \(restart #1\) with next value [1-9]\d*$/);
  } finally {
    capture.stop();
  }
});
