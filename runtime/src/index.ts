/**
 * The public door of the runtime: lessons and the site import only from here
 * (and `@steady/runtime/testing` in tests). Every name below is listed in the runtime's
 * README ("Public API"); a test keeps the two equal. Internals stay importable only from inside.
 */
export { Command, InvalidArgumentError } from 'commander';
export {
  type ActorBuilder,
  CallingThread,
  memberOf,
  type Schedule,
  SoloAct,
  type Troupe,
} from './actor/actor-builder.ts';
export { type SendSaturation, SteadyActor } from './actor/context.ts';
export { type ActorDefinition, defineActor } from './actor/definition.ts';
export { newState, SteadyState } from './actor/state.ts';
export type { Veto } from './actor/veto.ts';
export {
  type AeronTech,
  type AqueTech,
  aeron,
  aeronChannel,
  buildAqueduct,
} from './aqueduct/index.ts';
export type { ChannelBuilder } from './channel/channel-builder.ts';
export { type Codec, codecs, type SlotArray, type TaggedMessage } from './channel/codec.ts';
export type { Region } from './channel/endpoint.ts';
export { Rx } from './channel/rx.ts';
export { type StreamKind, StreamRx, StreamTx } from './channel/stream.ts';
export { type SendOutcome, Tx } from './channel/tx.ts';
export {
  choiceOption,
  integerOption,
  parseCommandLine,
  parseCommandLineOrExit,
  runProgram,
  UsageError,
} from './cli/command-line.ts';
export {
  ChannelOwnershipError,
  GraphFailedError,
  GraphUsageError,
  StageError,
  SteadyError,
  UncleanShutdownError,
} from './errors.ts';
export { Graph } from './graph/graph.ts';
export { GraphBuilder } from './graph/graph-builder.ts';
export { createLogger, type Logger, type LogLevel, setLogLevel } from './log/logger.ts';
export {
  avgAbove,
  avgBelow,
  type Colour,
  percentileAbove,
  percentileBelow,
  type Trigger,
} from './telemetry/options.ts';
