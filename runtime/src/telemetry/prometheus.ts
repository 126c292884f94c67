/**
 * Prometheus text exposition (format 0.0.4), written by hand: the figures are already
 * computed by the collector each frame, so a registry library would only re-copy them.
 */
import type { Collector } from './collector.ts';
import { percentile } from './percentile.ts';

const esc = (v: string): string => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const labels = (l: Record<string, string>): string =>
  `{${Object.entries(l)
    .map(([k, v]) => `${k}="${esc(v)}"`)
    .join(',')}}`;
const num = (v: number): string => (Number.isFinite(v) ? String(Math.round(v * 1000) / 1000) : '0');

export function exposition(c: Collector): string {
  const families: { name: string; help: string; type: 'gauge' | 'counter'; rows: string[] }[] = [];
  const fam = (name: string, help: string, type: 'gauge' | 'counter') => {
    const f = { name, help, type, rows: [] as string[] };
    families.push(f);
    return (l: Record<string, string>, v: number) => f.rows.push(`${name}${labels(l)} ${num(v)}`);
  };
  const load = fam('avg_load', 'Average share of all actors busy time, percent, over the window', 'gauge');
  const mcpu = fam('avg_mCPU', 'Average CPU use in mCPU (1024 = one core) over the window', 'gauge');
  const restarts = fam('graph_node_restarts', 'Times the actor was restarted', 'counter');
  for (const a of c.actors) {
    load({ actor_name: a.name }, a.load.average());
    mcpu({ actor_name: a.name }, a.mcpu.average());
    restarts({ actor_name: a.name }, a.restarts);
  }
  const inflight = fam('inflight', 'Messages in the channel now', 'gauge');
  const send = fam('send_total', 'Messages sent into the channel since start', 'counter');
  const take = fam('take_total', 'Messages taken from the channel since start', 'counter');
  const filled = fam('avg_filled', 'Average fill of the channel, percent, over the window', 'gauge');
  const rate = fam('avg_rate', 'Average take rate, messages per second, over the window', 'gauge');
  const pf = fam('percentile_filled', 'Fill percentile (p in hundredths of a percent), percent', 'gauge');
  for (const ch of c.channels) {
    const l = { from: ch.from, to: ch.to, channel: ch.name || `#${ch.id}` };
    inflight(l, ch.inflight);
    send(l, ch.sendTotal);
    take(l, ch.takeTotal);
    filled(l, ch.filled.average());
    rate(l, ch.rate.average());
    pf({ ...l, p: '8000' }, percentile(ch.filled.snapshot(), 80));
  }
  return `${families
    .map((f) => [`# HELP ${f.name} ${f.help}`, `# TYPE ${f.name} ${f.type}`, ...f.rows].join('\n'))
    .join('\n')}\n`;
}
