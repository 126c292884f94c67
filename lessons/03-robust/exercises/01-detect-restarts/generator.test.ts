import { GraphBuilder, newState } from '@steady/runtime';
import { captureLogs, takeAll, waitUntil } from '@steady/runtime/testing';
import { expect, it } from 'vitest';
import type { GeneratorState } from '../../src/actor/generator.ts';
import { TEST_ARGS } from '../../src/args.ts';
import { FAIL_AT_VALUE, internalBehavior } from './generator.ts';

it('the first life says where it starts; the restarted life warns, and says where it resumes', async () => {
  const capture = captureLogs();
  try {
    const graph = GraphBuilder.forTesting().build(TEST_ARGS);
    const [tx, rx] = graph.channelBuilder().withCapacity(8).build();
    const state = newState<GeneratorState>();
    graph
      .actorBuilder()
      .withName('generator')
      .build((actor) => internalBehavior(actor, tx, state));
    graph.start();
    const received: number[] = [];
    // Play the consumer until the generator has failed once and sent a few values after it.
    await waitUntil(
      () => {
        received.push(...takeAll(rx));
        return graph.actorStatus(0).restarts >= 1 && received.length > FAIL_AT_VALUE + 8;
      },
      5000,
      'a restart and values after it',
      1,
    );
    graph.requestShutdown();
    await graph.blockUntilStopped(1000);
    const lives = capture.records.filter((r) => r.source === 'generator' && !r.message.startsWith('fail'));
    const announced = lives.map((r) => `${r.level}: ${r.message}`).filter((l) => !l.includes('restarting'));
    expect(announced[0], 'the first life logs, at info level, the value it will send next').toBe(
      'info: starting at value 0',
    );
    expect(
      announced[1]?.startsWith('warn: recovered (restart #1)'),
      `a restarted life must warn, with actor.restartCount: "recovered (restart #1): …"; the lines were ${JSON.stringify(announced)}`,
    ).toBe(true);
    expect(
      announced[1],
      `after a restart, the value it will send next, from its persistent state (it failed about to send ${FAIL_AT_VALUE})`,
    ).toBe(`warn: recovered (restart #1): resuming at value ${FAIL_AT_VALUE}`);
    expect(received.slice(0, FAIL_AT_VALUE + 8), 'nothing lost, nothing sent twice').toEqual(
      Array.from({ length: FAIL_AT_VALUE + 8 }, (_, i) => i),
    );
  } finally {
    capture.stop();
  }
});

it('every life reads its restart count and its value, not the numbers of the example', async () => {
  const capture = captureLogs();
  try {
    const graph = GraphBuilder.forTesting().build(TEST_ARGS);
    const [tx, rx] = graph.channelBuilder().withCapacity(8).build();
    const state = newState<GeneratorState>();
    state.lock(() => ({ value: 100, loops: 0 })); // the state already holds a place: say, from an earlier run
    graph
      .actorBuilder()
      .withName('generator')
      .build((actor) => {
        // The first two lives fail at their first wait, for a reason of the test's own.
        if (actor.restartCount < 2)
          actor.waitVacant = () => Promise.reject(new Error('the test fails this life'));
        return internalBehavior(actor, tx, state);
      });
    graph.start();
    const received: number[] = [];
    await waitUntil(
      () => {
        received.push(...takeAll(rx));
        return received.length >= 8;
      },
      5000,
      'values after two restarts',
      1,
    );
    graph.requestShutdown();
    await graph.blockUntilStopped(1000);
    const lives = capture.records.filter((r) => r.source === 'generator' && !r.message.startsWith('fail'));
    const announced = lives.map((r) => `${r.level}: ${r.message}`).filter((l) => !l.includes('restarting'));
    expect(
      announced[0],
      'the first life logs the value its persistent state holds, which is not always 0 (here the state starts at 100)',
    ).toBe('info: starting at value 100');
    expect(
      announced.slice(1),
      `the restarted lives logged ${JSON.stringify(announced.slice(1))}; each warns with its own actor.restartCount and the value its state holds (here two lives failed before sending 100)`,
    ).toEqual([
      'warn: recovered (restart #1): resuming at value 100',
      'warn: recovered (restart #2): resuming at value 100',
    ]);
    expect(received.slice(0, 8), 'nothing lost, nothing sent twice').toEqual(
      Array.from({ length: 8 }, (_, i) => 100 + i),
    );
  } finally {
    capture.stop();
  }
});
