/**
 * The Aeron transport over UDP, driver-less: publications and subscriptions that speak
 * Aeron's wire protocol with any Aeron peer. This file is the package's only door
 * (`@steady/runtime/aeron`); see docs/aeron.md.
 *
 * `Publication` and `Subscription` are socket shells over two sans-IO state machines,
 * `Sender` and `Receiver`, which take datagrams and the time and leave datagrams to send in
 * their `outbox`: drive them yourself to put Aeron over another transport, or to test with a
 * fake clock.
 */
export { type Clock, systemClock } from './clock.ts';
export {
  type AeronCounters,
  describeCounters,
  newCounters,
  PUBLISHED_COUNTERS,
  SUBSCRIBED_COUNTERS,
  sumCounters,
} from './counters.ts';
export {
  DataFlags,
  FLAGS_OFFSET,
  FRAME_LENGTH_OFFSET,
  FrameType,
  HEADER_LENGTH,
  MIN_HEADER_LENGTH,
  PAYLOAD_OFFSET,
  RESERVED_VALUE_OFFSET,
  SESSION_ID_OFFSET,
  STREAM_ID_OFFSET,
  TERM_ID_OFFSET,
  TERM_OFFSET_OFFSET,
  TYPE_OFFSET,
  VERSION_OFFSET,
} from './data-header.ts';
export { RttmFlags, SetupFlags, StatusFlags } from './frame-lengths.ts';
export {
  type DataFrame,
  decodeFrames,
  type ErrorFrame,
  encodeDatagram,
  encodeFrame,
  type Frame,
  type NakFrame,
  type ResponseSetupFrame,
  type RttmFrame,
  type SetupFrame,
  type StatusFrame,
  type UnknownFrame,
} from './frames.ts';
export { ABORT, type Gap, Image, type ImageEnd, type MessageHandler } from './image.ts';
export { BACK_PRESSURED, CLOSED, MAX_POSITION_EXCEEDED, NOT_CONNECTED } from './offer-results.ts';
export { Outbox, type Peer, type SentDatagram } from './outbox.ts';
export {
  computePosition,
  maxMessageLength,
  partitionIndex,
  positionBitsToShift,
  receiverWindowFor,
  termIdForPosition,
  termOffsetForPosition,
} from './position.ts';
export { Publication, type PublicationOptions } from './publication.ts';
export { Receiver, type ReceiverConfig } from './receiver.ts';
export type { RetransmitOptions } from './retransmit.ts';
export { Sender, type SenderConfig, type SenderState } from './sender.ts';
export { Subscription, type SubscriptionOptions } from './subscription.ts';
export {
  type ChannelUri,
  ChannelUriError,
  DEFAULT_MTU,
  DEFAULT_TERM_LENGTH,
  parseChannelUri,
} from './uri.ts';
