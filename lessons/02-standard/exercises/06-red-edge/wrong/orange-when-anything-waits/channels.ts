/** Wrong: orange as soon as anything waits in the channel (above 0 %), instead of above 40 %. */
import { avgAbove, type ChannelBuilder } from '@steady/runtime';

export function withFillColours<T>(channels: ChannelBuilder<T>): ChannelBuilder<T> {
  return channels.withFilledTrigger(avgAbove(0), 'orange').withFilledTrigger(avgAbove(90), 'red');
}
