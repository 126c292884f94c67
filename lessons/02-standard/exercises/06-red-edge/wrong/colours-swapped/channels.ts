/** Wrong: the two colours are swapped: red from 40 %, orange from 90 %. */
import { avgAbove, type ChannelBuilder } from '@steady/runtime';

export function withFillColours<T>(channels: ChannelBuilder<T>): ChannelBuilder<T> {
  return channels.withFilledTrigger(avgAbove(40), 'red').withFilledTrigger(avgAbove(90), 'orange');
}
