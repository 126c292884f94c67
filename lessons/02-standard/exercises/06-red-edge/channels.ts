/** Exercise: make a channel that runs full stand out in /graph.dot. */
import type { ChannelBuilder } from '@steady/runtime';

/** The telemetry options every channel built from `channels` shares. */
export function withFillColours<T>(channels: ChannelBuilder<T>): ChannelBuilder<T> {
  // TODO: a channel that stays full is drawn just like an empty one.
  return channels;
}
