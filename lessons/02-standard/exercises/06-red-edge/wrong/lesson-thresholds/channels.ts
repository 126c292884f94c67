/** Wrong: copies the thresholds of the lesson's src/main.ts (orange above 60 %), not the 40 % this exercise asks for. */
import { avgAbove, type ChannelBuilder } from '@steady/runtime';

export function withFillColours<T>(channels: ChannelBuilder<T>): ChannelBuilder<T> {
  return channels.withFilledTrigger(avgAbove(60), 'orange').withFilledTrigger(avgAbove(90), 'red');
}
