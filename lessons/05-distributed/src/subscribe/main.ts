/**
 * Lesson 5, the SUBSCRIBE pod: the SUBSCRIBE aqueduct receives both streams over Aeron UDP;
 * DESERIALIZE checks and splits them; WORKER and LOGGER as before.
 */
import { pathToFileURL } from 'node:url';
import {
  aeron,
  buildAqueduct,
  codecs,
  type Graph,
  GraphBuilder,
  memberOf,
  newState,
  runProgram,
  SoloAct,
  type SteadyState,
} from '@steady/runtime';
import { type MainArgs, parseArgs } from '../args.ts';
import { channelUri, STREAM_PAYLOAD_BYTES } from '../channel.ts';
import { STREAM_ID_BASE } from '../wire.ts';
import { DeserializeActor, type DeserializeState, NAME_DESERIALIZE } from './actor/deserialize.ts';
import { LoggerActor, type LoggerState, NAME_LOGGER } from './actor/logger.ts';
import { NAME_WORKER, WorkerActor } from './actor/worker.ts';

export const NAME_SUBSCRIBE = 'subscribe';
export const VALUES_CAPACITY = 1 << 16;
export const TELEMETRY_PORT = 5552;

export interface SubscribeLedger {
  readonly deserialize: SteadyState<DeserializeState>;
  readonly logger: SteadyState<LoggerState>;
}

export function buildGraph(graph: Graph<MainArgs>): SubscribeLedger {
  const args = graph.args();
  const ledger: SubscribeLedger = { deserialize: newState(), logger: newState() };
  const [streamTxs, streamRxs] = graph
    .channelBuilder()
    .withCapacity(64)
    .withName('in')
    .buildStreamBundle(2, STREAM_PAYLOAD_BYTES, 'ingress'); //#!#// ingress: with session id and arrival time
  const [heartbeatTx, heartbeatRx] = graph
    .channelBuilder()
    .withCapacity(64)
    .withCodec(codecs.f64)
    .withName('heartbeat')
    .build();
  // Room for a whole message's values (8188) several times over.
  const values = graph.channelBuilder().withCapacity(VALUES_CAPACITY);
  const [generatorTx, generatorRx] = values.withCodec(codecs.f64).withName('generator').build();
  const [loggerTx, loggerRx] = values.withCodec(codecs.i32).withName('fizzbuzz').build();

  const troupe = graph.actorTroupe();
  const actors = graph.actorBuilder().withMcpuAvg().withLoadAvg();
  buildAqueduct(streamTxs, aeron(channelUri(args), STREAM_ID_BASE), actors.withName(NAME_SUBSCRIBE), SoloAct); //#!#// Aeron stream base + i → lane i
  actors
    .withName(NAME_DESERIALIZE)
    .build(DeserializeActor, [streamRxs, [heartbeatTx, generatorTx], ledger.deserialize], memberOf(troupe));
  actors.withName(NAME_WORKER).build(WorkerActor, [heartbeatRx, generatorRx, loggerTx], memberOf(troupe));
  actors.withName(NAME_LOGGER).build(LoggerActor, [loggerRx, ledger.logger], memberOf(troupe));
  return ledger;
}

export function main(argv: readonly string[]): Promise<number> {
  return runProgram(
    argv,
    (a) =>
      parseArgs(
        a,
        'subscribe',
        'The subscribing pod: receives both streams over Aeron UDP, checks, FizzBuzz.',
        TELEMETRY_PORT,
      ),
    async (args) => {
      const graph = GraphBuilder.forProduction().withTelemetry({ port: args.telemetry }).build(args);
      const ledger = buildGraph(graph);
      graph.start();
      graph.telemetry?.address.then((address) => console.log(`telemetry: ${address}`));
      console.log(`subscribe: listening on udp ${args.ip}:${args.port}`);
      await graph.blockUntilStopped(10_000);
      const d = ledger.deserialize.peek();
      const l = ledger.logger.peek();
      const beats = d?.values[0] ?? 0;
      const values = d?.values[1] ?? 0;
      const messages = (d?.messages[0] ?? 0) + (d?.messages[1] ?? 0);
      const bytes = (d?.bytes[0] ?? 0) + (d?.bytes[1] ?? 0);
      console.log(
        `subscribe: logged ${l?.total ?? 0} (Fizz ${l?.fizz ?? 0}, Buzz ${l?.buzz ?? 0}, FizzBuzz ${l?.fizzBuzz ?? 0}, values ${l?.values ?? 0})`,
      );
      // The span between the first and the last message received: the pods' own rate, start-up excluded.
      const spanMs = Math.round((d?.lastArrivalMs ?? 0) - (d?.firstArrivalMs ?? 0));
      console.log(
        `RECEIVED beats=${beats} values=${values} messages=${messages} bytes=${bytes} ms=${spanMs}`,
      );
      if (d?.failure) {
        console.error(`subscribe: FAILED: ${d.failure}`);
        return 1;
      }
      if ((l?.total ?? 0) !== values) {
        console.error(`subscribe: FAILED: received ${values} values but logged ${l?.total ?? 0}`);
        return 1;
      }
      return 0;
    },
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2));
}
