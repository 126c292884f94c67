/**
 * The Aeron transport over UDP, driver-less: publications and subscriptions that speak
 * Aeron's wire protocol with any Aeron peer. See docs/aeron.md.
 */
export { type AeronCounters, newCounters } from './counters.ts';
export {
  DataFlags,
  type DataFrame,
  decodeFrames,
  type ErrorFrame,
  encodeDatagram,
  encodeFrame,
  type Frame,
  FrameType,
  type NakFrame,
  type ResponseSetupFrame,
  type RttmFrame,
  type SetupFrame,
  StatusFlags,
  type StatusFrame,
  type UnknownFrame,
} from './frames.ts';
export { ABORT, type Gap, Image, type ImageEnd, type MessageHandler } from './image.ts';
export {
  computePosition,
  maxMessageLength,
  partitionIndex,
  positionBitsToShift,
  receiverWindowFor,
  termIdForPosition,
  termOffsetForPosition,
} from './position.ts';
export {
  BACK_PRESSURED,
  CLOSED,
  MAX_POSITION_EXCEEDED,
  NOT_CONNECTED,
  Publication,
  type PublicationOptions,
} from './publication.ts';
export { Subscription, type SubscriptionOptions } from './subscription.ts';
export {
  type ChannelUri,
  ChannelUriError,
  DEFAULT_MTU,
  DEFAULT_TERM_LENGTH,
  parseChannelUri,
} from './uri.ts';
