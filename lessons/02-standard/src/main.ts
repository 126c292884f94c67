/**
 * Lesson 2, standard: a pipeline of four actors with backpressure, persistent state and telemetry.
 *
 *   HEARTBEAT ─┐
 *              ├─> WORKER ─> LOGGER
 *   GENERATOR ─┘
 */
import { pathToFileURL } from 'node:url';
import {
  avgAbove,
  type Graph,
  GraphBuilder,
  newState,
  runProgram,
  type Schedule,
  SoloAct,
} from '@steady/runtime';
import { GeneratorActor, type GeneratorState, NAME_GENERATOR } from './actor/generator.ts';
import { HeartbeatActor, type HeartbeatState, NAME_HEARTBEAT } from './actor/heartbeat.ts';
import { LoggerActor, NAME_LOGGER } from './actor/logger.ts';
import { NAME_WORKER, WorkerActor } from './actor/worker.ts';
import { type MainArgs, parseArgs } from './args.ts';
import { FizzBuzzCodec } from './fizzbuzz.ts';

export const CHANNEL_CAPACITY = 64;

/**
 * Adds the channels and actors: used by `main` and by the graph test alike. Each actor runs solo
 * (a thread of its own); the graph test passes `CallingThread` to run them all on its own thread.
 */
export function buildGraph(graph: Graph<MainArgs>, schedule: Schedule = SoloAct): Graph<MainArgs> {
  // One builder carries the options every channel shares; each build() makes one channel.
  const channels = graph
    .channelBuilder()
    .withCapacity(CHANNEL_CAPACITY)
    .withFilledTrigger(avgAbove(90), 'red') //#!#// a channel more than 90 % full on average shows red
    .withFilledTrigger(avgAbove(60), 'orange')
    .withFilledPercentile(80)
    .withAvgRate();
  const [heartbeatTx, heartbeatRx] = channels.withName('heartbeat').build();
  const [generatorTx, generatorRx] = channels.withName('generator').build();
  const [loggerTx, loggerRx] = channels.withCodec(FizzBuzzCodec).withName('fizzbuzz').build();

  const actors = graph.actorBuilder().withMcpuAvg().withLoadAvg(); //#!#// monitored: CPU and load show in telemetry
  actors.withName(NAME_HEARTBEAT).build(HeartbeatActor, [heartbeatTx, newState<HeartbeatState>()], schedule);
  actors.withName(NAME_GENERATOR).build(GeneratorActor, [generatorTx, newState<GeneratorState>()], schedule);
  actors.withName(NAME_WORKER).build(WorkerActor, [heartbeatRx, generatorRx, loggerTx], schedule);
  actors.withName(NAME_LOGGER).build(LoggerActor, [loggerRx], schedule);
  return graph;
}

export function main(argv: readonly string[]): Promise<number> {
  return runProgram(argv, parseArgs, async (args) => {
    const graph = buildGraph(GraphBuilder.forProduction().build(args));
    graph.start();
    graph.telemetry?.address.then((address) => console.log(`telemetry: ${address}`));
    await graph.blockUntilStopped(1000);
    return 0;
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2));
}
