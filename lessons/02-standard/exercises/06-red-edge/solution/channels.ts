/** Solution: a fill trigger colours the edge red while the channel averages more than 90 % full. */
import { avgAbove, type ChannelBuilder } from '@steady/runtime';

export function withFillColours<T>(channels: ChannelBuilder<T>): ChannelBuilder<T> {
  return channels.withFilledTrigger(avgAbove(90), 'red');
}
