/**
 * The public door of the runtime: lessons and the site import only from here
 * (and `@steady/runtime/testing` in tests).
 */

export { Command } from 'commander';
export {
  ActorBuilder,
  type ActorTelemetryOptions,
  CallingThread,
  type ExactlyOnceOptions,
  memberOf,
  type RestartPolicy,
  type Schedule,
  SoloAct,
  Troupe,
} from './actor/actor-builder.ts';
export { type ActorCounters, newActorCounters, readCounters, writeCounters } from './actor/actor-counters.ts';
export { type ActorEnvironment, type SendSaturation, SteadyActor } from './actor/context.ts';
export { type ActorBehavior, type ActorDefinition, defineActor } from './actor/definition.ts';
export { newState, SteadyState } from './actor/state.ts';
export type { Veto } from './actor/veto.ts';
export { awaitForAll, awaitForAllOrProceedUpon, awaitForAny, type Wait } from './actor/waits.ts';
export {
  AeronChannelBuilder,
  type AeronTech,
  type AqueTech,
  aeron,
  aeronChannel,
  buildAqueduct,
  PublishAqueduct,
  SubscribeAqueduct,
} from './aqueduct/index.ts';
export {
  avgAbove,
  avgBelow,
  ChannelBuilder,
  type Colour,
  DEFAULT_CAPACITY,
  percentileAbove,
  percentileBelow,
  type Trigger,
} from './channel/channel-builder.ts';
export {
  type Codec,
  type CodecSpec,
  codecs,
  type NumberRecord,
  type SlotArray,
  type TaggedMessage,
} from './channel/codec.ts';
export type { Region } from './channel/endpoint.ts';
export type { ChannelDescriptor } from './channel/ring.ts';
export { Rx } from './channel/rx.ts';
export {
  type StreamDescriptor,
  type StreamFrame,
  type StreamKind,
  type StreamRegions,
  StreamRx,
  StreamTx,
} from './channel/stream.ts';
export { type SendOutcome, Tx } from './channel/tx.ts';
export {
  choiceOption,
  integerOption,
  parseCommandLine,
  parseCommandLineOrExit,
  runProgram,
  UsageError,
} from './cli/command-line.ts';
export { Graph, GraphBuilder, GraphFailedError, UncleanShutdownError } from './graph/graph.ts';
export { createLogger, type Logger, type LogLevel, setLogLevel } from './log/logger.ts';
