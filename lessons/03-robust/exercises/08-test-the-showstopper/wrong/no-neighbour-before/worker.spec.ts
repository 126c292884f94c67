import { GraphBuilder, newState } from '@steady/runtime';
import { captureLogs, StageDirection } from '@steady/runtime/testing';
import { it } from 'vitest';
import { type WorkerState, internalBehavior as worker } from '../../../../src/actor/worker.ts';
import { TEST_ARGS } from '../../../../src/args.ts';
import { WORKER_POISON } from '../../../../src/failures.ts';
import { FizzBuzzCodec } from '../../../../src/fizzbuzz.ts';

it('the worker drops the poison value after three tries and loses or repeats nothing around it', async () => {
  const capture = captureLogs();
  try {
    // The real worker, planned failures on, between three simulated actors.
    const graph = GraphBuilder.forTesting().build({ ...TEST_ARGS, failures: true });
    const [heartbeatTx, heartbeatRx] = graph.channelBuilder().build();
    const [generatorTx, generatorRx] = graph.channelBuilder().build();
    const [loggerTx, loggerRx] = graph.channelBuilder().withCodec(FizzBuzzCodec).build();
    const state = newState<WorkerState>();
    const actors = graph.actorBuilder();
    actors.withName('heartbeat').build((actor) => actor.simulatedBehavior([heartbeatTx]));
    actors.withName('generator').build((actor) => actor.simulatedBehavior([generatorTx]));
    actors.withName('worker').build((actor) => worker(actor, heartbeatRx, generatorRx, loggerTx, state));
    actors.withName('logger').build((actor) => actor.simulatedBehavior([loggerRx]));
    graph.start();
    const stage = graph.stageManager();
    for (const value of [WORKER_POISON, WORKER_POISON + 1])
      await stage.actorPerform('generator', StageDirection.echo(value));
    // Each try takes a heartbeat: three that fail on the poison, a fourth that drops it and goes on.
    for (const beat of [1, 2, 3, 4]) await stage.actorPerform('heartbeat', StageDirection.echo(beat));
    await stage.actorPerform(
      'logger',
      StageDirection.waitFor({ kind: 'Value', value: WORKER_POISON + 1 }, 5000),
    );
    stage.finalBow();
    graph.requestShutdown();
    await graph.blockUntilStopped(5000);
  } finally {
    capture.stop();
  }
});
