/**
 * Lesson 4, performant: the pipeline of lesson 2 at full speed.
 *
 *   HEARTBEAT ─┐  (1024)
 *              ├─> WORKER ─> LOGGER     generator and worker rings: 2^21 Int32 slots each
 *   GENERATOR ─┘  (2^21)      (2^21)
 */
import { pathToFileURL } from 'node:url';
import { codecs, createLogger, type Graph, GraphBuilder, newState, runProgram } from '@steady/runtime';
import { GeneratorActor, type GeneratorState, NAME_GENERATOR } from './actor/generator.ts';
import { HeartbeatActor, type HeartbeatState, NAME_HEARTBEAT } from './actor/heartbeat.ts';
import { LoggerActor, type LoggerState, NAME_LOGGER } from './actor/logger.ts';
import { NAME_WORKER, WorkerActor } from './actor/worker.ts';
import { type MainArgs, parseArgs } from './args.ts';
import { type Schedules, schedulesFor } from './placement.ts';
import { formatRate, ThroughputMeter } from './throughput.ts';

export const HEARTBEAT_CAPACITY = 1024;
export const RING_CAPACITY = 2 ** 21;

/** What `buildGraph` hands back besides the graph: the sending ends to meter. */
export interface Pipeline {
  readonly graph: Graph<MainArgs>;
  readonly heartbeatTx: import('@steady/runtime').Tx<number>;
  readonly generatorTx: import('@steady/runtime').Tx<number>;
  readonly workerTx: import('@steady/runtime').Tx<number>;
  readonly loggerState: import('@steady/runtime').SteadyState<LoggerState>;
}

/** Adds the channels and actors, placed as `schedules` says: used by `main`, the tests and the bench. */
export function buildPipeline(
  graph: Graph<MainArgs>,
  schedules: Schedules = schedulesFor(graph.args().placement, graph),
  ringCapacity = RING_CAPACITY,
): Pipeline {
  const [heartbeatTx, heartbeatRx] = graph
    .channelBuilder()
    .withCodec(codecs.i32)
    .withCapacity(HEARTBEAT_CAPACITY)
    .withName('heartbeat')
    .withAvgRate()
    .build();
  const rings = graph
    .channelBuilder()
    .withCodec(codecs.i32) //#!#// one Int32 word per message: the fastest slot there is
    .withCapacity(ringCapacity) //#!#// 2^21 slots: room for many batches in flight
    .withAvgRate()
    .withAvgFilled();
  const [generatorTx, generatorRx] = rings.withName('generator').build();
  const [workerTx, workerRx] = rings.withName('fizzbuzz').build();
  const loggerState = newState<LoggerState>();

  const actors = graph.actorBuilder().withMcpuAvg().withLoadAvg();
  actors
    .withName(NAME_HEARTBEAT)
    .build(HeartbeatActor, [heartbeatTx, newState<HeartbeatState>()], schedules.heartbeat);
  actors
    .withName(NAME_GENERATOR)
    .build(GeneratorActor, [generatorTx, newState<GeneratorState>()], schedules.generator);
  actors.withName(NAME_WORKER).build(WorkerActor, [heartbeatRx, generatorRx, workerTx], schedules.worker);
  actors.withName(NAME_LOGGER).build(LoggerActor, [workerRx, loggerState], schedules.logger);
  return { graph, heartbeatTx, generatorTx, workerTx, loggerState };
}

/** The graph alone (for the graph test and the exercises). */
export function buildGraph(graph: Graph<MainArgs>): Graph<MainArgs> {
  return buildPipeline(graph).graph;
}

export function main(argv: readonly string[]): Promise<number> {
  return runProgram(argv, parseArgs, async (args) => {
    const log = createLogger('main');
    const { graph, heartbeatTx, generatorTx, workerTx } = buildPipeline(
      GraphBuilder.forProduction().withSpinTurns(args.spin).build(args),
    );
    log.info(
      `worker ${args.worker}, chunk ${args.chunk}, placement ${args.placement}, spin ${args.spin}, ` +
        `${args.beats} beats of ${args.rate} ms`,
    );
    const meter = new ThroughputMeter([
      { label: 'heartbeat', tx: heartbeatTx },
      { label: 'generator', tx: generatorTx },
      { label: 'worker', tx: workerTx }, //#!#// read from the rings' counters: measuring costs the actors nothing
    ]);
    graph.start();
    graph.telemetry?.address.then((address) => log.info(`telemetry: ${address}`));
    meter.start();
    try {
      await graph.blockUntilStopped(10_000); // Ctrl-C stops the graph cleanly: the total still prints
    } finally {
      const { total, seconds, perSecond } = meter.stop();
      log.info(
        `total: ${total.toLocaleString('en-US')} messages through the worker in ${seconds.toFixed(1)} s, ` +
          `average ${formatRate(perSecond)} messages/s`,
      );
    }
    return 0;
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2));
}
