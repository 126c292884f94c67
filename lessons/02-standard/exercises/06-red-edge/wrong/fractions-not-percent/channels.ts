/** Wrong: thresholds written as fractions (0.9) where the trigger takes a percentage (90). */
import { avgAbove, type ChannelBuilder } from '@steady/runtime';

export function withFillColours<T>(channels: ChannelBuilder<T>): ChannelBuilder<T> {
  return channels.withFilledTrigger(avgAbove(0.4), 'orange').withFilledTrigger(avgAbove(0.9), 'red');
}
