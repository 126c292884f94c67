/** Wrong: only the red trigger: a half-full channel stays uncoloured. */
import { avgAbove, type ChannelBuilder } from '@steady/runtime';

export function withFillColours<T>(channels: ChannelBuilder<T>): ChannelBuilder<T> {
  return channels.withFilledTrigger(avgAbove(90), 'red');
}
