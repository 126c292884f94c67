/** The publish graph with a third stream, `extra`, on lane 2. */
import { aeron, buildAqueduct, codecs, type Graph, newState, type Schedule, SoloAct } from '@steady/runtime';
import type { MainArgs } from '../../../../src/args.ts';
import { channelUri, STREAM_PAYLOAD_BYTES } from '../../../../src/channel.ts';
import { GeneratorActor, type GeneratorState } from '../../../../src/publish/actor/generator.ts';
import { HeartbeatActor, type HeartbeatState } from '../../../../src/publish/actor/heartbeat.ts';
import { SerializeActor } from '../../../../src/publish/actor/serialize.ts';
import { STREAM_ID_BASE } from '../../../../src/wire.ts';

/** `schedule`: where every actor runs (tests pass CallingThread: no thread to start). */
export function buildGraph(graph: Graph<MainArgs>, schedule: Schedule = SoloAct): void {
  const values = graph.channelBuilder().withCapacity(1024).withCodec(codecs.f64);
  const [heartbeatTx, heartbeatRx] = values.withName('heartbeat').build();
  const [generatorTx, generatorRx] = values.withName('generator').build();
  const [extraTx, extraRx] = values.withName('extra').build();
  const [streamTxs, streamRxs] = graph
    .channelBuilder()
    .withCapacity(64)
    .withName('out')
    .buildStreamBundle(4, STREAM_PAYLOAD_BYTES);
  const actors = graph.actorBuilder();
  actors.withName('heartbeat').build(HeartbeatActor, [heartbeatTx, newState<HeartbeatState>()], schedule);
  actors.withName('generator').build(GeneratorActor, [generatorTx, newState<GeneratorState>()], schedule);
  actors.withName('extra').build(GeneratorActor, [extraTx, newState<GeneratorState>()], schedule);
  actors
    .withName('serialize')
    .build(SerializeActor, [[heartbeatRx, generatorRx, extraRx], streamTxs], schedule);
  buildAqueduct(
    streamRxs,
    aeron(channelUri(graph.args()), STREAM_ID_BASE),
    actors.withName('publish'),
    schedule,
  );
}
