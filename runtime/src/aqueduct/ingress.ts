/**
 * The subscribing aqueduct: receives Aeron streams `streamIdBase + i` and writes each
 * message into lane i's stream channel, with its session id and arrival time. A message that
 * does not fit its lane is refused (Aeron's controlled poll: ABORT) and stays in the image;
 * the aqueduct then waits for room instead of polling, so the receiver window stops opening
 * and the sender stops: back-pressure across the network. When a publisher ends its stream,
 * the lane is closed.
 */

import type { ActorCounters } from '../actor/actor-counters.ts';
import type { SteadyActor } from '../actor/context.ts';
import { defineActor } from '../actor/definition.ts';
import type { Image, Subscription } from '../aeron/index.ts';
import type { StreamTx } from '../channel/stream.ts';
import { park, resume, transportKey } from './parked.ts';
import { counterReporter } from './report.ts';
import type { AqueTech } from './tech.ts';

const FRAGMENT_LIMIT = 64;
const IDLE_WAIT_MS = 100;

interface Refusal {
  readonly lane: StreamTx;
  readonly bytes: number;
}

/** What one life of the aqueduct hands to the next after a failure (see parked.ts). */
interface Transport {
  readonly subscription: Subscription;
  /** Lanes whose publisher has ended its stream. */
  readonly ended: boolean[];
}

export async function subscribeAqueduct(
  actor: SteadyActor,
  streams: StreamTx[],
  tech: AqueTech,
  counters?: ActorCounters,
): Promise<void> {
  if (!actor.useInternalBehavior) return actor.simulatedBehavior(streams);
  // Aeron is loaded when an aqueduct runs (see egress.ts).
  const { ABORT, describeCounters, Subscription } = await import('../aeron/index.ts');
  const streamIds = streams.map((_, lane) => tech.streamIdBase + lane);
  const key = transportKey('subscribe', tech.channel, tech.streamIdBase);
  const { subscription, ended } = await resume<Transport>(key, async () => {
    const ended = streams.map(() => false);
    const subscription: Subscription = await Subscription.open(tech.channel, streamIds, {
      onUnavailableImage: (image, reason) => {
        const lane = image.streamId - tech.streamIdBase;
        if (reason === 'end-of-stream' && !hasOtherImage(subscription, image)) ended[lane] = true;
      },
    });
    actor.log.info(`subscribed to ${tech.channel}, stream ids ${streamIds.join(', ')}`);
    return { subscription, ended };
  });
  /** The lane that refused a message in this poll, and the size it needs. */
  const refused: { full?: Refusal } = {};
  const deliver = (message: Buffer, image: Image) => {
    const lane = streams[image.streamId - tech.streamIdBase]!;
    const outcome = lane.trySend(message, { sessionId: image.sessionId, arrivalMs: Date.now() });
    if (outcome === 'sent') return;
    if (outcome === 'blocked' && message.length <= lane.payload.capacity) {
      refused.full ??= { lane, bytes: message.length };
      return ABORT;
    }
    throw new Error(
      outcome === 'blocked'
        ? `a ${message.length}-byte message on stream ${image.streamId} is larger than its lane's ${lane.payload.capacity}-byte payload ring`
        : `the lane for stream ${image.streamId} was closed while messages still arrive`,
    );
  };
  const report = counterReporter(counters, () => subscription.counters);
  try {
    while (actor.isRunning(() => streams.every((s) => s.markClosed()))) {
      report();
      refused.full = undefined;
      const fragments = subscription.poll(deliver, FRAGMENT_LIMIT);
      streams.forEach((s, lane) => {
        if (ended[lane]) s.markClosed();
      });
      const full = refused.full as Refusal | undefined; // set by `deliver` during the poll
      if (full) {
        const { lane, bytes } = full;
        // back-pressure: poll again only once the refused message fits
        await actor.awaitForAll(actor.waitVacant(lane.control, 1), actor.waitVacant(lane.payload, bytes));
        continue;
      }
      if (ended.every(Boolean)) {
        await actor.waitShutdown();
        continue;
      }
      if (fragments === 0)
        await actor.awaitForAny(subscription.waitForData(IDLE_WAIT_MS), actor.waitShutdown());
    }
  } catch (error) {
    park(key, { subscription, ended }); // the next life goes on where this one stopped
    throw error;
  }
  await subscription.close();
  report(true);
  actor.log.info(`aeron counters: ${describeCounters(subscription.counters)}`);
}

function hasOtherImage(subscription: Subscription, image: Image): boolean {
  return subscription.activeImages.some((other) => other !== image && other.streamId === image.streamId);
}

export const SubscribeAqueduct = defineActor(import.meta.url, subscribeAqueduct);
