/**
 * Lesson 3, robust: the lesson 2 pipeline, failing on purpose. Restarts lose nothing and
 * duplicate nothing, showstoppers are dropped, and the totals add up at the end.
 */
import { pathToFileURL } from 'node:url';
import {
  avgAbove,
  type Graph,
  GraphBuilder,
  memberOf,
  newState,
  type Rx,
  runProgram,
  SoloAct,
  type SteadyState,
} from '@steady/runtime';
import { GeneratorActor, type GeneratorState, NAME_GENERATOR } from './actor/generator.ts';
import { HeartbeatActor, type HeartbeatState, NAME_HEARTBEAT } from './actor/heartbeat.ts';
import { LoggerActor, type LoggerState, NAME_LOGGER } from './actor/logger.ts';
import { NAME_WORKER, WorkerActor, type WorkerState } from './actor/worker.ts';
import { type MainArgs, parseArgs } from './args.ts';
import { FizzBuzzCodec, type FizzBuzzMessage } from './fizzbuzz.ts';

export const CHANNEL_CAPACITY = 64;

/** What the reconciliation reads once the graph has stopped. */
export interface Ledger {
  readonly generator: SteadyState<GeneratorState>;
  readonly worker: SteadyState<WorkerState>;
  readonly logger: SteadyState<LoggerState>;
  readonly generatorRx: Rx<number>;
  readonly loggerRx: Rx<FizzBuzzMessage>;
}

export function buildGraph(graph: Graph<MainArgs>): Ledger {
  const channels = graph
    .channelBuilder()
    .withCapacity(CHANNEL_CAPACITY)
    .withFilledTrigger(avgAbove(90), 'red')
    .withFilledTrigger(avgAbove(60), 'orange')
    .withFilledPercentile(80);
  const [heartbeatTx, heartbeatRx] = channels.withName('heartbeat').build();
  const [generatorTx, generatorRx] = channels.withName('generator').build();
  const [loggerTx, loggerRx] = channels.withCodec(FizzBuzzCodec).withName('fizzbuzz').build();

  const ledger: Ledger = {
    generator: newState<GeneratorState>(),
    worker: newState<WorkerState>(),
    logger: newState<LoggerState>(),
    generatorRx,
    loggerRx,
  };
  // Two failure domains share a thread (heartbeat and logger, both light); the busy two get their own.
  const troupe = graph.actorTroupe(); //#!#//
  const actors = graph.actorBuilder().withMcpuAvg().withLoadAvg();
  // Exactly once: sends, takes and state commit together at each await; a failure rolls back to the last commit.
  const exactlyOnce = actors.withExactlyOnce(); //#!#//
  exactlyOnce
    .withName(NAME_HEARTBEAT)
    .build(HeartbeatActor, [heartbeatTx, newState<HeartbeatState>()], memberOf(troupe));
  exactlyOnce.withName(NAME_GENERATOR).build(GeneratorActor, [generatorTx, ledger.generator], SoloAct);
  exactlyOnce
    .withName(NAME_WORKER)
    .build(WorkerActor, [heartbeatRx, generatorRx, loggerTx, ledger.worker], SoloAct);
  // The logger's effect (a printed line) cannot be rolled back: peek, print, then take is what keeps it exact.
  actors.withName(NAME_LOGGER).build(LoggerActor, [loggerRx, ledger.logger], memberOf(troupe));
  return ledger;
}

/** The totals, and whether they add up: nothing lost, nothing counted twice. */
export function reconcile(ledger: Ledger): { lines: string[]; balanced: boolean } {
  const generated = ledger.generator.peek()?.value ?? 0;
  const processed = ledger.worker.peek()?.processed ?? 0;
  const logged = ledger.logger.peek()?.logged ?? 0;
  const droppedByWorker = ledger.generatorRx.droppedCount();
  const droppedByLogger = ledger.loggerRx.droppedCount();
  const workerBalanced = generated === processed + droppedByWorker;
  const loggerBalanced = processed === logged + droppedByLogger;
  return {
    balanced: workerBalanced && loggerBalanced,
    lines: [
      `generated ${generated} = processed ${processed} + dropped by the worker ${droppedByWorker}: ${workerBalanced ? 'ok' : 'MISMATCH'}`,
      `processed ${processed} = logged ${logged} + dropped by the logger ${droppedByLogger}: ${loggerBalanced ? 'ok' : 'MISMATCH'}`,
    ],
  };
}

export function main(argv: readonly string[]): Promise<number> {
  return runProgram(argv, parseArgs, async (args) => {
    const graph = GraphBuilder.forProduction().build(args);
    const ledger = buildGraph(graph);
    graph.start();
    graph.telemetry?.address.then((address) => console.log(`telemetry: ${address}`));
    await graph.blockUntilStopped(2000);
    const { lines, balanced } = reconcile(ledger); //#!#// the books must balance after every failure
    console.log(
      [
        'Reconciliation:',
        ...lines.map((l) => `  ${l}`),
        balanced ? 'Nothing lost, nothing counted twice.' : 'The totals do not add up!',
      ].join('\n'),
    );
    return balanced ? 0 : 1;
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2));
}
