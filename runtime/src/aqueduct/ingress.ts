/**
 * The subscribing aqueduct: receives Aeron streams `streamIdBase + i` and writes each
 * message into lane i's stream channel, with its session id and arrival time. It only polls
 * while every lane has room for a full batch of the largest messages, so a full ring stops
 * polling, which stops status messages from opening the sender's window: back-pressure
 * across the network. When a publisher ends its stream, the lane is closed.
 */

import type { SteadyActor } from '../actor/context.ts';
import { defineActor } from '../actor/definition.ts';
import type { Image } from '../aeron/image.ts';
import { Subscription } from '../aeron/subscription.ts';
import type { StreamTx } from '../channel/stream.ts';
import type { AqueTech } from './tech.ts';

const FRAGMENT_LIMIT = 64;
const IDLE_WAIT_MS = 100;

export async function subscribeAqueduct(
  actor: SteadyActor,
  streams: StreamTx[],
  tech: AqueTech,
): Promise<void> {
  if (!actor.useInternalBehavior) return actor.simulatedBehavior(streams);
  const ended = streams.map(() => false);
  const streamIds = streams.map((_, lane) => tech.streamIdBase + lane);
  const subscription = await Subscription.open(tech.channel, streamIds, {
    onUnavailableImage: (image, reason) => {
      const lane = image.streamId - tech.streamIdBase;
      if (reason === 'end-of-stream' && !hasOtherImage(subscription, image)) ended[lane] = true;
    },
  });
  actor.log.info(`subscribed to ${tech.channel}, stream ids ${streamIds.join(', ')}`);
  let overflow: string | undefined;
  const deliver = (message: Buffer, image: Image) => {
    const lane = streams[image.streamId - tech.streamIdBase];
    if (lane?.trySend(message, { sessionId: image.sessionId, arrivalMs: Date.now() }) !== 'sent') {
      overflow = `lane for stream ${image.streamId} had no room for a ${message.length}-byte message`;
    }
  };
  const roomFor = (lane: StreamTx) =>
    lane.vacantItems() >= FRAGMENT_LIMIT &&
    lane.vacantBytes() >= FRAGMENT_LIMIT * Math.min(lane.payload.capacity / FRAGMENT_LIMIT, 65536);
  try {
    while (actor.isRunning(() => streams.every((s) => s.markClosed()))) {
      const full = streams.find((s, lane) => !ended[lane] && !roomFor(s));
      if (full) {
        await actor.waitVacant(full.payload, Math.min(full.payload.capacity, 65536)); // back-pressure: stop polling
        continue;
      }
      const fragments = subscription.poll(deliver, FRAGMENT_LIMIT);
      if (overflow) throw new Error(overflow);
      streams.forEach((s, lane) => {
        if (ended[lane]) s.markClosed();
      });
      if (ended.every(Boolean)) {
        await actor.waitShutdown();
        continue;
      }
      if (fragments === 0)
        await actor.awaitForAny(subscription.waitForData(IDLE_WAIT_MS), actor.waitShutdown());
    }
  } finally {
    await subscription.close();
  }
}

function hasOtherImage(subscription: Subscription, image: Image): boolean {
  return subscription.activeImages.some((other) => other !== image && other.streamId === image.streamId);
}

export const SubscribeAqueduct = defineActor(import.meta.url, subscribeAqueduct);
