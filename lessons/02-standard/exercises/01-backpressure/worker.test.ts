import { GraphBuilder, type Rx } from '@steady/runtime';
import { sendAll, takeAll, waitUntil } from '@steady/runtime/testing';
import { expect, it } from 'vitest';
import { FizzBuzzCodec, type FizzBuzzMessage, fizzBuzz } from '../../src/fizzbuzz.ts';
import { internalBehavior } from './worker.ts';

const VALUES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

/** Takes at most one message, as a slow consumer would: the rest stays in the channel. */
function takeOne<T>(rx: Rx<T>): T[] {
  rx.resync();
  const value = rx.tryTake();
  rx.publish();
  return value === undefined ? [] : [value];
}

it.each([
  { loggerCapacity: 4, auditCapacity: 2 },
  { loggerCapacity: 2, auditCapacity: 4 },
])(
  'loses nothing on either output (logger holds $loggerCapacity, audit $auditCapacity)',
  async ({ loggerCapacity, auditCapacity }) => {
    const graph = GraphBuilder.forTesting().build({});
    const [heartbeatTx, heartbeatRx] = graph.channelBuilder().build();
    const [generatorTx, generatorRx] = graph.channelBuilder().build();
    const [loggerTx, loggerRx] = graph
      .channelBuilder()
      .withCodec(FizzBuzzCodec)
      .withCapacity(loggerCapacity)
      .build();
    const [auditTx, auditRx] = graph.channelBuilder().withCapacity(auditCapacity).build();
    graph
      .actorBuilder()
      .withName('worker')
      .build((actor) => internalBehavior(actor, heartbeatRx, generatorRx, loggerTx, auditTx));
    sendAll(generatorTx, VALUES, { close: true });
    graph.start();
    const logged: FizzBuzzMessage[] = [];
    const audited: number[] = [];
    // Play two slow consumers: before each heartbeat, take one message from each output, so the
    // worker finds its outputs partly full and must ask how much room each has left right now.
    for (let beat = 0; beat < 3 * VALUES.length && !generatorRx.isClosedAndEmpty(); beat += 1) {
      logged.push(...takeOne(loggerRx));
      audited.push(...takeOne(auditRx));
      sendAll(heartbeatTx, [beat]);
      // The worker takes the heartbeat and moves its batch in the same turn.
      await waitUntil(
        () => heartbeatRx.availUnits() === 0 || graph.actorStatus(0).stopped,
        3000,
        'the worker to take its heartbeat',
      ).catch(() => {}); // the outputs below say what went wrong
    }
    heartbeatTx.markClosed();
    graph.requestShutdown();
    await graph.blockUntilStopped(1000).catch(() => {}); // the outputs below say what went wrong
    logged.push(...takeAll(loggerRx));
    audited.push(...takeAll(auditRx));
    expect(
      audited,
      'the audit channel lost values: a batch may hold no more values than BOTH outputs have room for right now (vacantUnits)',
    ).toEqual(VALUES);
    expect(
      logged,
      'the logger channel lost values: a batch may hold no more values than BOTH outputs have room for right now (vacantUnits)',
    ).toEqual(VALUES.map(fizzBuzz));
  },
);
