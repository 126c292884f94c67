/** Wrong: the squarer is added, but the worker still reads the generator's channel, not the squared one. */
import {
  avgAbove,
  defineActor,
  type Graph,
  newState,
  type Rx,
  type Schedule,
  SoloAct,
  type SteadyActor,
  type Tx,
} from '@steady/runtime';
import { GeneratorActor, type GeneratorState, NAME_GENERATOR } from '../../../../src/actor/generator.ts';
import { HeartbeatActor, type HeartbeatState, NAME_HEARTBEAT } from '../../../../src/actor/heartbeat.ts';
import { LoggerActor, NAME_LOGGER } from '../../../../src/actor/logger.ts';
import { NAME_WORKER, WorkerActor } from '../../../../src/actor/worker.ts';
import type { MainArgs } from '../../../../src/args.ts';
import { FizzBuzzCodec } from '../../../../src/fizzbuzz.ts';

export const NAME_SQUARER = 'squarer';

/** SQUARER: passes every value on as its square, in order, losing none. */
export async function run(
  actor: SteadyActor<MainArgs>,
  valuesRx: Rx<number>,
  squaresTx: Tx<number>,
): Promise<void> {
  while (
    actor.isRunning({
      'values closed and empty': () => valuesRx.isClosedAndEmpty(),
      'squares closed': () => squaresTx.markClosed(),
    })
  ) {
    await actor.awaitForAll(actor.waitAvail(valuesRx, 1), actor.waitVacant(squaresTx, 1));
    let batch = Math.min(valuesRx.availUnits(), squaresTx.vacantUnits());
    while (batch-- > 0) {
      const value = valuesRx.tryTake();
      if (value === undefined) break;
      squaresTx.trySend(value * value);
    }
  }
}

export const SquarerActor = defineActor(import.meta.url, run);

/** The lesson's graph, with the squarer between the generator and the worker. */
export function buildGraph(graph: Graph<MainArgs>, schedule: Schedule = SoloAct): Graph<MainArgs> {
  const channels = graph
    .channelBuilder()
    .withCapacity(64)
    .withFilledTrigger(avgAbove(90), 'red')
    .withFilledTrigger(avgAbove(60), 'orange')
    .withAvgRate();
  const [heartbeatTx, heartbeatRx] = channels.withName('heartbeat').build();
  // The generator runs ahead in batches bigger than the other channels hold.
  const [generatorTx, generatorRx] = channels.withCapacity(256).withName('generator').build();
  const [squaredTx] = channels.withName('squared').build();
  const [loggerTx, loggerRx] = channels.withCodec(FizzBuzzCodec).withName('fizzbuzz').build();

  const actors = graph.actorBuilder().withMcpuAvg().withLoadAvg();
  actors.withName(NAME_HEARTBEAT).build(HeartbeatActor, [heartbeatTx, newState<HeartbeatState>()], schedule);
  actors.withName(NAME_GENERATOR).build(GeneratorActor, [generatorTx, newState<GeneratorState>()], schedule);
  actors.withName(NAME_SQUARER).build(SquarerActor, [generatorRx, squaredTx], schedule);
  actors.withName(NAME_WORKER).build(WorkerActor, [heartbeatRx, generatorRx, loggerTx], schedule);
  actors.withName(NAME_LOGGER).build(LoggerActor, [loggerRx], schedule);
  return graph;
}
