import { GraphBuilder } from '@steady/runtime';
import { sendAll, takeAll } from '@steady/runtime/testing';
import { expect, it } from 'vitest';
import { FizzBuzzCodec, fizzBuzz } from '../../src/fizzbuzz.ts';
import { internalBehavior } from './worker.ts';

const VALUES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

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
    sendAll(heartbeatTx, [0, 1, 2, 3, 4, 5, 6, 7], { close: true }); // more beats than batches needed
    graph.start();
    const logged = [];
    const audited = [];
    // Play both consumers: drain whatever arrived, until the worker has closed both outputs.
    const deadline = performance.now() + 5000;
    while (!(loggerRx.isClosedAndEmpty() && auditRx.isClosedAndEmpty()) && performance.now() < deadline) {
      logged.push(...takeAll(loggerRx));
      audited.push(...takeAll(auditRx));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    graph.requestShutdown();
    await graph.blockUntilStopped(1000).catch(() => {}); // the outputs below say what went wrong
    logged.push(...takeAll(loggerRx));
    audited.push(...takeAll(auditRx));
    expect(
      audited,
      'the audit channel lost values: a batch may hold no more values than BOTH outputs have room for',
    ).toEqual(VALUES);
    expect(
      logged,
      'the logger channel lost values: a batch may hold no more values than BOTH outputs have room for',
    ).toEqual(VALUES.map(fizzBuzz));
  },
);
