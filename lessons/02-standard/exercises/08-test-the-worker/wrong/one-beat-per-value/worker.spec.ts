import { GraphBuilder } from '@steady/runtime';
import { captureLogs, StageDirection } from '@steady/runtime/testing';
import { it } from 'vitest';
import { internalBehavior as worker } from '../../../../src/actor/worker.ts';
import { DEFAULT_ARGS } from '../../../../src/args.ts';
import { FizzBuzzCodec } from '../../../../src/fizzbuzz.ts';

it('turns every value waiting at a heartbeat into its FizzBuzz message, in order', async () => {
  const capture = captureLogs();
  try {
    // The real worker between three simulated actors, all on this thread.
    const graph = GraphBuilder.forTesting().build(DEFAULT_ARGS);
    const [heartbeatTx, heartbeatRx] = graph.channelBuilder().build();
    const [generatorTx, generatorRx] = graph.channelBuilder().build();
    const [loggerTx, loggerRx] = graph.channelBuilder().withCodec(FizzBuzzCodec).build();
    const actors = graph.actorBuilder();
    actors.withName('heartbeat').build((actor) => actor.simulatedBehavior([heartbeatTx]));
    actors.withName('generator').build((actor) => actor.simulatedBehavior([generatorTx]));
    actors.withName('worker').build((actor) => worker(actor, heartbeatRx, generatorRx, loggerTx));
    actors.withName('logger').build((actor) => actor.simulatedBehavior([loggerRx]));
    graph.start();
    const stage = graph.stageManager();
    // One value, one heartbeat, one message: each value checked on its own.
    const expected = [
      { kind: 'Value', value: 7 },
      { kind: 'Fizz' },
      { kind: 'Buzz' },
      { kind: 'FizzBuzz' },
    ] as const;
    for (const [i, value] of [7, 9, 10, 30].entries()) {
      await stage.actorPerform('generator', StageDirection.echo(value));
      await stage.actorPerform('heartbeat', StageDirection.echo(i));
      await stage.actorPerform('logger', StageDirection.waitFor(expected[i], 2000));
    }
    stage.finalBow();
    graph.requestShutdown();
    await graph.blockUntilStopped(5000);
  } finally {
    capture.stop();
  }
});
