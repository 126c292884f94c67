/**
 * `/metrics`: the collector's figures as Prometheus text (format 0.0.4), written by
 * prom-client so that names, HELP/TYPE lines and escaping follow the library the field
 * trusts. The values already live in the collector, so each family reads them in its
 * `collect()` at scrape time instead of being updated as things happen.
 */
import { Counter, Gauge, Registry } from 'prom-client';
import type { ActorSample, ChannelEnd, ChannelSample, Collector } from './collector.ts';
import { readCounters } from './counters.ts';
import { actorFigures, channelFigures, type PercentileFigure } from './figures.ts';

type Labels = Record<string, string>;
type Rows = () => Iterable<readonly [Labels, number]>;

const ACTOR_LABELS = ['actor_name'];
const CHANNEL_LABELS = ['from', 'to', 'channel'];
const PERCENTILE_LABEL = 'p';

/** The `p` label: the percentile in hundredths of a percent, as the original writes it (80 → "8000"). */
export const percentileLabel = (p: number): string => String(Math.round(p * 100));

/**
 * Names as label values, made unique where two share a name (two unnamed actors, a bundle of
 * channels built with one name): otherwise their series would merge into one.
 */
function uniqueNames<T extends { readonly name: string }>(
  items: readonly T[],
  tag: (item: T) => number,
): string[] {
  const count = new Map<string, number>();
  for (const { name } of items) count.set(name, (count.get(name) ?? 0) + 1);
  return items.map((item) => ((count.get(item.name) ?? 0) > 1 ? `${item.name}#${tag(item)}` : item.name));
}

export interface Exposition {
  readonly contentType: string;
  text(): Promise<string>;
}

export function createExposition(c: Collector): Exposition {
  // An own registry: no global state shared between graphs, and no default process metrics
  // (the figures asked for here are the graph's, not the Node process's).
  const registry = new Registry();
  const gauge = (name: string, help: string, labelNames: readonly string[], rows: Rows) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      collect() {
        this.reset();
        for (const [labels, value] of rows()) this.set(labels, value);
      },
    });
  // A counter only goes up through inc(); the totals come from shared counters, so each scrape
  // starts from zero and adds the whole total. With the 0.0.4 text format prom-client keeps the
  // name as given (only OpenMetrics output would append or strip `_total`), so `send_total`,
  // `take_total` and `graph_node_restarts` keep the original's names.
  const counter = (name: string, help: string, labelNames: readonly string[], rows: Rows) =>
    new Counter({
      name,
      help,
      labelNames,
      registers: [registry],
      collect() {
        this.reset();
        for (const [labels, value] of rows()) this.inc(labels, value);
      },
    });

  /** Actor names as label values, by actor index (channels name their ends with them too). */
  const actorNames = () => {
    const unique = uniqueNames(c.actors, (a) => a.index);
    return new Map(c.actors.map((a, i) => [a.index, unique[i] ?? a.name]));
  };
  function* actorRows<T>(figure: (a: ActorSample) => T): Iterable<[Labels, T]> {
    const names = actorNames();
    for (const a of c.actors) yield [{ actor_name: names.get(a.index) ?? a.name }, figure(a)];
  }
  function* channelRows<T>(figure: (ch: ChannelSample) => T): Iterable<[Labels, T]> {
    const actors = actorNames();
    const end = (e: ChannelEnd | undefined) => (e ? (actors.get(e.index) ?? e.name) : '');
    const channels = uniqueNames(c.channels, (ch) => ch.id);
    for (const [i, ch] of c.channels.entries()) {
      yield [{ from: end(ch.from), to: end(ch.to), channel: channels[i] ?? ch.name }, figure(ch)];
    }
  }
  /** Rows of a figure a node or edge may not ask for: only those that do. */
  function* asked(rows: Iterable<[Labels, number | undefined]>): Iterable<[Labels, number]> {
    for (const [labels, value] of rows) if (value !== undefined) yield [labels, value];
  }
  function* percentiles(rows: Iterable<[Labels, readonly PercentileFigure[]]>): Iterable<[Labels, number]> {
    for (const [labels, figures] of rows) {
      for (const { p, value } of figures)
        yield [{ ...labels, [PERCENTILE_LABEL]: percentileLabel(p) }, value];
    }
  }
  const withP = (labels: readonly string[]) => [...labels, PERCENTILE_LABEL];

  gauge('avg_load', 'Average share of all actors busy time, percent, over the window', ACTOR_LABELS, () =>
    asked(actorRows((a) => actorFigures(a).avgLoad)),
  );
  gauge('avg_mCPU', 'Average CPU use in mCPU (1024 = one core) over the window', ACTOR_LABELS, () =>
    asked(actorRows((a) => actorFigures(a).avgMcpu)),
  );
  gauge(
    'percentile_load',
    'Load percentile (p in hundredths of a percent), percent',
    withP(ACTOR_LABELS),
    () => percentiles(actorRows((a) => actorFigures(a).loadPercentiles)),
  );
  gauge('percentile_mCPU', 'mCPU percentile (p in hundredths of a percent)', withP(ACTOR_LABELS), () =>
    percentiles(actorRows((a) => actorFigures(a).mcpuPercentiles)),
  );
  counter('graph_node_restarts', 'Times the actor was restarted', ACTOR_LABELS, () =>
    actorRows((a) => a.restarts),
  );

  // Actors' own counters (an aqueduct's Aeron counters): one family per kind, registered when
  // first seen, e.g. aeron_counter_total{actor_name="publish",counter="retransmits"}.
  const families = new Set<string>();
  const registerCounterFamilies = () => {
    for (const a of c.actors) {
      const family = a.counters?.family;
      if (family === undefined || families.has(family)) continue;
      families.add(family);
      counter(
        `${family}_counter_total`,
        `Counters the actors keep (${family}), since start`,
        [...ACTOR_LABELS, 'counter'],
        function* () {
          for (const [labels, counters] of actorRows((x) => x.counters)) {
            if (counters?.family !== family) continue;
            for (const [name, value] of readCounters(counters)) yield [{ ...labels, counter: name }, value];
          }
        },
      );
    }
  };

  gauge('inflight', 'Messages in the channel now', CHANNEL_LABELS, () => channelRows((ch) => ch.inflight));
  counter('send_total', 'Messages sent into the channel since start', CHANNEL_LABELS, () =>
    channelRows((ch) => ch.sendTotal),
  );
  counter('take_total', 'Messages taken from the channel since start', CHANNEL_LABELS, () =>
    channelRows((ch) => ch.takeTotal),
  );
  counter(
    'showstoppers_dropped_total',
    'Showstoppers dropped from the channel since start',
    CHANNEL_LABELS,
    () => channelRows((ch) => ch.dropped),
  );
  gauge('avg_filled', 'Average fill of the channel, percent, over the window', CHANNEL_LABELS, () =>
    asked(channelRows((ch) => channelFigures(ch).avgFilled)),
  );
  gauge('avg_rate', 'Average take rate, messages per second, over the window', CHANNEL_LABELS, () =>
    asked(channelRows((ch) => channelFigures(ch).avgRate)),
  );
  gauge(
    'avg_latency',
    'Average latency estimate (in flight / take rate), ms, over the window',
    CHANNEL_LABELS,
    () => asked(channelRows((ch) => channelFigures(ch).avgLatencyMs)),
  );
  gauge(
    'percentile_filled',
    'Fill percentile (p in hundredths of a percent), percent',
    withP(CHANNEL_LABELS),
    () => percentiles(channelRows((ch) => channelFigures(ch).filledPercentiles)),
  );
  gauge(
    'percentile_rate',
    'Take rate percentile (p in hundredths of a percent), messages per second',
    withP(CHANNEL_LABELS),
    () => percentiles(channelRows((ch) => channelFigures(ch).ratePercentiles)),
  );

  return {
    contentType: registry.contentType,
    text: () => {
      registerCounterFamilies();
      return registry.metrics();
    },
  };
}
