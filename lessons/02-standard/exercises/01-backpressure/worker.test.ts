import { GraphBuilder } from '@steady/runtime';
import { sendAll, takeAll, waitUntil } from '@steady/runtime/testing';
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
    // Play both consumers: drain whatever arrives until every value has come out of both outputs,
    // or the worker has taken every value and nothing more comes out: what is missing then is lost.
    let quietPolls = 0;
    await waitUntil(
      () => {
        const before = logged.length + audited.length;
        logged.push(...takeAll(loggerRx));
        audited.push(...takeAll(auditRx));
        if (logged.length >= VALUES.length && audited.length >= VALUES.length) return true;
        const nothingNew = logged.length + audited.length === before;
        quietPolls = generatorRx.isClosedAndEmpty() && nothingNew ? quietPolls + 1 : 0;
        return quietPolls >= 3;
      },
      5000,
      'every value out of both outputs',
    ).catch(() => {}); // the expectations below say what is missing
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
