import { GraphBuilder, newState, SoloAct } from '@steady/runtime';
import { captureLogs, sendAll, takeAll } from '@steady/runtime/testing';
import { expect, it } from 'vitest';
import { WorkerActor, type WorkerState } from '../../src/actor/worker.ts';
import { TEST_ARGS } from '../../src/args.ts';
import { FizzBuzzCodec, fizzBuzz } from '../../src/fizzbuzz.ts';
import { buildWorkerInput } from './channels.ts';

it('the value the worker cannot process ends up in the dead-letter channel', async () => {
  const capture = captureLogs();
  try {
    const graph = GraphBuilder.forTesting().build({ ...TEST_ARGS, failures: true });
    const { generatorTx, generatorRx, deadLettersRx } = buildWorkerInput(graph);
    const [heartbeatTx, heartbeatRx] = graph.channelBuilder().build();
    const [loggerTx, loggerRx] = graph.channelBuilder().withCodec(FizzBuzzCodec).build();
    graph
      .actorBuilder()
      .withName('worker')
      .withExactlyOnce()
      .build(WorkerActor, [heartbeatRx, generatorRx, loggerTx, newState<WorkerState>()], SoloAct);
    sendAll(generatorTx, [32, 33, 34], { close: true });
    graph.start();
    // The worker works on heartbeats: until the first one, it has dropped nothing.
    await capture.waitFor('worker: starting', 20_000);
    expect(
      takeAll(deadLettersRx),
      'the dead-letter channel must hold only what the worker drops, and it has dropped nothing yet: do not send into it yourself, link it to the generator channel with withDeadLetters',
    ).toEqual([]);
    sendAll(heartbeatTx, [0], { close: true });
    await capture.waitFor('dropped a showstopper', 20_000);
    graph.requestShutdown();
    await graph.blockUntilStopped(2000);
    expect(
      takeAll(deadLettersRx),
      'the value the worker dropped must arrive in the dead-letter channel that buildWorkerInput returns: the generator channel must be built withDeadLetters(its sending end). A builder is never changed in place: build from what withDeadLetters returns',
    ).toEqual([33]);
    expect(takeAll(loggerRx), 'the other values pass through').toEqual([32, 34].map(fizzBuzz));
  } finally {
    capture.stop();
  }
}, 60_000); // worker threads and telemetry frames: slow on a busy machine
