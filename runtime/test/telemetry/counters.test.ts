/** An actor's own counters (an aqueduct's Aeron counters) on its node and in /metrics. */
import { describe, expect, it } from 'vitest';
import { Collector } from '../../src/telemetry/collector.ts';
import { newActorCounters, readCounters, writeCounters } from '../../src/telemetry/counters.ts';
import { toDot } from '../../src/telemetry/dot.ts';
import { createExposition } from '../../src/telemetry/prometheus.ts';
import { parseExposition } from './exposition-parser.ts';
import { FakeGraph } from './fake-graph.ts';

describe('actor counters', () => {
  it('keep 64-bit whole numbers in shared memory, by name, and refuse bad names', () => {
    const counters = newActorCounters('aeron', ['bytesSent', 'retransmits']);
    writeCounters(counters, { bytesSent: 2 ** 40 + 3, retransmits: 2, unknown: 7 });
    writeCounters(counters, { retransmits: -1 }); // not a count: ignored
    expect(readCounters(counters)).toEqual([
      ['bytesSent', 2 ** 40 + 3],
      ['retransmits', 2],
    ]);
    expect(() => newActorCounters('aeron-udp', ['x'])).toThrow(/counter name/);
    expect(() => newActorCounters('aeron', ['x', 'x'])).toThrow(/repeat/);
  });

  it('show on the actor node of /graph.dot and as <family>_counter_total in /metrics', async () => {
    const g = new FakeGraph();
    const counters = newActorCounters('aeron', ['messagesSent', 'naksReceived']);
    g.actor((b) => b.withName('publish').withCounters(counters), [], []);
    g.actor((b) => b.withName('plain'), [], []);
    const collector = new Collector(g, 100);
    collector.sample();
    writeCounters(counters, { messagesSent: 12607, naksReceived: 0 });

    const node = toDot(collector)
      .split('\n')
      .find((line) => line.includes('publish'));
    expect(node).toContain('messages sent: 12607\\nnaks received: 0');

    const families = parseExposition(await createExposition(collector).text());
    const family = families.get('aeron_counter_total');
    expect(family?.type).toBe('counter');
    expect(family?.samples).toEqual([
      { labels: { actor_name: 'publish', counter: 'messagesSent' }, value: 12607 },
      { labels: { actor_name: 'publish', counter: 'naksReceived' }, value: 0 },
    ]);
  });
});
