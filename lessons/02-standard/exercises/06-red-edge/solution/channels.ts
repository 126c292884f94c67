/** Solution: two fill triggers; when both fire, the more severe colour (red) wins. */
import { avgAbove, type ChannelBuilder } from '@steady/runtime';

export function withFillColours<T>(channels: ChannelBuilder<T>): ChannelBuilder<T> {
  return channels.withFilledTrigger(avgAbove(40), 'orange').withFilledTrigger(avgAbove(90), 'red');
}
