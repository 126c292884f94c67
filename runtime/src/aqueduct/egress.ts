/**
 * The publishing aqueduct: takes each message of each outgoing stream and offers it to an
 * Aeron publication (lane i → stream `streamIdBase + i`). A message is taken from its ring
 * only once the publication accepted it, so back-pressure from the network (the receiver's
 * window) stops the aqueduct, which stops taking, which fills the rings, which stops the
 * actors upstream: back-pressure end to end. When a lane is closed and drained, its Aeron
 * stream ends too (end of stream), so the subscriber's lane closes after its last message.
 */

import type { ActorCounters } from '../actor/actor-counters.ts';
import type { SteadyActor } from '../actor/context.ts';
import { defineActor } from '../actor/definition.ts';
import type { Publication } from '../aeron/index.ts';
import type { StreamRx } from '../channel/stream.ts';
import { park, resume, transportKey } from './parked.ts';
import { counterReporter } from './report.ts';
import type { AqueTech } from './tech.ts';

const IDLE_WAIT_MS = 20;

/** What one life of the aqueduct hands to the next after a failure (see parked.ts). */
interface Transport {
  readonly publications: Publication[];
  /** Per lane, once its stream is closed and drained: the end of its Aeron stream, under way. */
  readonly ending: (Promise<void> | undefined)[];
}

export async function publishAqueduct(
  actor: SteadyActor,
  streams: StreamRx[],
  tech: AqueTech,
  counters?: ActorCounters,
): Promise<void> {
  if (!actor.useInternalBehavior) return actor.simulatedBehavior(streams);
  // Aeron is loaded when an aqueduct runs: a graph without one (every lesson before 05) never
  // pays for importing the transport.
  const { describeCounters, Publication, sumCounters } = await import('../aeron/index.ts');
  const key = transportKey('publish', tech.channel, tech.streamIdBase);
  const { publications, ending } = await resume<Transport>(key, async () => {
    const publications = await Promise.all(
      streams.map((_, lane) => Publication.open(tech.channel, tech.streamIdBase + lane)),
    );
    actor.log.info(
      `publishing ${streams.length} stream(s) to ${tech.channel}, stream ids ${tech.streamIdBase}..${tech.streamIdBase + streams.length - 1}`,
    );
    return { publications, ending: streams.map(() => undefined) };
  });
  const scratch = new Uint8Array(Math.max(...publications.map((p) => p.maxMessageLength)));
  const report = counterReporter(counters, () => sumCounters(publications.map((p) => p.counters)));
  try {
    while (actor.isRunning(() => streams.every((s) => s.isClosedAndEmpty()))) {
      report();
      let moved = 0;
      const waits: Promise<boolean>[] = [];
      for (let lane = 0; lane < streams.length; lane++) {
        const stream = streams[lane]!;
        const publication = publications[lane]!;
        if (ending[lane]) continue;
        if (stream.isClosedAndEmpty()) {
          ending[lane] = publication.close(); // end of stream: lingers until the subscriber has it all
          continue;
        }
        const sent = drainLane(stream, publication, scratch);
        if (sent > 0) moved += sent;
        // A refused lane waits for its publication (a status message opens the window; it
        // arrives as a socket event, so this wait must not resolve before the event loop turns).
        else if (sent < 0) waits.push(publication.waitForVacancy(IDLE_WAIT_MS * 5));
        else waits.push(actor.waitAvail(stream.control, 1));
      }
      if (moved > 0) continue;
      if (ending.every(Boolean)) {
        await actor.waitShutdown();
        continue;
      }
      await actor.awaitForAny(...waits, actor.waitTimeout(IDLE_WAIT_MS * 5));
    }
  } catch (error) {
    park(key, { publications, ending }); // the same sessions for the next life: nothing lost, nothing twice
    throw error;
  }
  // End of stream: each subscriber's lane closes once it has every message before it.
  await Promise.all(publications.map((p) => p.close()));
  report(true);
  actor.log.info(`aeron counters: ${describeCounters(sumCounters(publications.map((p) => p.counters)))}`);
}

/** Offers every waiting message of one lane; returns how many were sent, or -1 if the publication refused one. */
function drainLane(stream: StreamRx, publication: Publication, scratch: Uint8Array): number {
  let sent = 0;
  for (;;) {
    const length = stream.control.headMessage();
    if (length === undefined) return sent;
    if (typeof length !== 'number') throw new TypeError(`stream ${stream.name} is not an egress stream`);
    const [first, second] = stream.payload.peekSlice();
    let bytes: Uint8Array;
    if (first.length >= length) {
      bytes = first as Uint8Array; // zero copy: the message lies before the wrap
    } else {
      scratch.set(first as Uint8Array, 0);
      scratch.set((second as Uint8Array).subarray(0, length - first.length), first.length);
      bytes = scratch;
    }
    if (publication.offer(bytes, 0, length) < 0n) return sent === 0 ? -1 : sent;
    stream.advanceTakeIndex(1, length);
    sent++;
  }
}

export const PublishAqueduct = defineActor(import.meta.url, publishAqueduct);
