/**
 * Lesson 5, the PUBLISH pod: heartbeat and generator feed SERIALIZE, whose two streams
 * leave through the PUBLISH aqueduct over Aeron UDP to the subscriber.
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
import { GeneratorActor, type GeneratorState, NAME_GENERATOR } from './actor/generator.ts';
import { HeartbeatActor, type HeartbeatState, NAME_HEARTBEAT } from './actor/heartbeat.ts';
import { NAME_SERIALIZE, SerializeActor } from './actor/serialize.ts';

export const NAME_PUBLISH = 'publish';
export const GENERATOR_CAPACITY = 1 << 16;
export interface PublishLedger {
  readonly heartbeat: SteadyState<HeartbeatState>;
  readonly generator: SteadyState<GeneratorState>;
}

export function buildGraph(graph: Graph<MainArgs>): PublishLedger {
  const args = graph.args();
  const ledger: PublishLedger = { heartbeat: newState(), generator: newState() };
  const [heartbeatTx, heartbeatRx] = graph
    .channelBuilder()
    .withCapacity(64)
    .withCodec(codecs.f64)
    .withName('heartbeat')
    .build();
  const [generatorTx, generatorRx] = graph
    .channelBuilder()
    .withCapacity(GENERATOR_CAPACITY)
    .withCodec(codecs.f64) // values pass 2^31 on a full run
    .withName('generator')
    .build();
  const [streamTxs, streamRxs] = graph
    .channelBuilder()
    .withCapacity(64)
    .withName('out')
    .buildStreamBundle(2, STREAM_PAYLOAD_BYTES); //#!#// two streams: 0 heartbeat, 1 generator

  const troupe = graph.actorTroupe();
  const actors = graph.actorBuilder().withMcpuAvg().withLoadAvg();
  actors.withName(NAME_HEARTBEAT).build(HeartbeatActor, [heartbeatTx, ledger.heartbeat], memberOf(troupe));
  actors.withName(NAME_GENERATOR).build(GeneratorActor, [generatorTx, ledger.generator], SoloAct);
  actors
    .withName(NAME_SERIALIZE)
    .build(SerializeActor, [[heartbeatRx, generatorRx], streamTxs], memberOf(troupe));
  buildAqueduct(streamRxs, aeron(channelUri(args), STREAM_ID_BASE), actors.withName(NAME_PUBLISH), SoloAct); //#!#// lane i → Aeron stream base + i
  return ledger;
}

export function main(argv: readonly string[]): Promise<number> {
  return runProgram(
    argv,
    (a) => parseArgs(a),
    async (args) => {
      const graph = GraphBuilder.forProduction()
        .withShutdownBarrier(2) //#!#// heartbeat and generator must both be done
        .withTelemetry({ port: args.telemetry })
        .build(args);
      const ledger = buildGraph(graph);
      const started = performance.now();
      graph.start();
      graph.telemetry?.address.then((address) => console.log(`telemetry: ${address}`));
      console.log(`publish: sending to ${args.ip}:${args.port}, ${args.beats} beats × ${args.values} values`);
      await graph.blockUntilStopped(10_000);
      const seconds = (performance.now() - started) / 1000;
      const beats = ledger.heartbeat.peek()?.count ?? 0;
      const values = ledger.generator.peek()?.next ?? 0;
      console.log(`publish: sent ${beats} beats and ${values} values in ${seconds.toFixed(2)} s`);
      console.log(`PUBLISHED beats=${beats} values=${values}`);
      return 0;
    },
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2));
}
