/**
 * `buildAqueduct`: adds the actor that bridges a bundle of stream channels to a transport.
 * Given receiving ends (streams leaving this process) it builds a publishing aqueduct;
 * given sending ends (streams arriving) a subscribing one.
 */
import type { ActorBuilder, Schedule } from '../actor/actor-builder.ts';
import { newActorCounters } from '../actor/actor-counters.ts';
// The counters' names only: the transport itself is loaded when the aqueduct runs (egress.ts).
import { PUBLISHED_COUNTERS, SUBSCRIBED_COUNTERS } from '../aeron/counters.ts';
import { StreamRx, StreamTx } from '../channel/stream.ts';
import { PublishAqueduct } from './egress.ts';
import { SubscribeAqueduct } from './ingress.ts';
import type { AqueTech } from './tech.ts';

export function buildAqueduct(
  streams: readonly StreamRx[] | readonly StreamTx[],
  tech: AqueTech,
  actorBuilder: ActorBuilder,
  schedule: Schedule,
): void {
  if (streams.length === 0) throw new RangeError('an aqueduct needs at least one stream');
  // A transport that cannot even start (a port in use) fails at once on every restart: unless
  // the builder says otherwise, more than 100 failures in a second stop the graph with that error.
  if (!actorBuilder.options.restartPolicy) actorBuilder = actorBuilder.withRestartLimit(100, 1000);
  // The aqueduct writes its Aeron counters here; the dashboard shows them on its node.
  if (streams.every((s) => s instanceof StreamRx)) {
    const counters = newActorCounters('aeron', PUBLISHED_COUNTERS);
    actorBuilder
      .withCounters(counters)
      .build(PublishAqueduct, [streams as StreamRx[], tech, counters], schedule);
  } else if (streams.every((s) => s instanceof StreamTx)) {
    const counters = newActorCounters('aeron', SUBSCRIBED_COUNTERS);
    actorBuilder
      .withCounters(counters)
      .build(SubscribeAqueduct, [streams as StreamTx[], tech, counters], schedule);
  } else {
    throw new TypeError(
      'an aqueduct takes either all receiving ends (to publish) or all sending ends (to subscribe)',
    );
  }
}
