/** DOT text of the live graph: actors as nodes, channels as edges, coloured by triggers. */
import type { Graph } from '../graph/graph.ts';
import type { Collector } from './collector.ts';
import { percentile } from './percentile.ts';
import { moreSevere, worstColour } from './triggers.ts';

const q = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
const win = (ms: number): string => (ms <= 0 ? 'since start' : `window ${(ms / 1000).toFixed(1)}s`);

export function toDot(graph: Graph<unknown>, c: Collector): string {
  const out = ['digraph G {', '  rankdir=LR;', '  node [shape=box, style=rounded, fontname="Helvetica"];'];
  for (const a of c.actors) {
    const t = graph.actors[a.index]?.spec.telemetry;
    const lines = [a.name, win(t?.windowMs ?? 0)];
    lines.push(`Avg load: ${a.load.average().toFixed(1)}%`);
    lines.push(`Avg mCPU: ${Math.round(a.mcpu.average())}`);
    if (a.restarts > 0) lines.push(`Restarts: ${a.restarts}`);
    const colour = t
      ? moreSevere(
          worstColour(t.mcpuTriggers, a.mcpu.snapshot()),
          worstColour(t.loadTriggers, a.load.snapshot()),
        )
      : undefined;
    out.push(
      `  ${q(`a${a.index}`)} [label=${q(lines.join('\n'))}${colour ? `, color=${colour}, penwidth=3` : ''}];`,
    );
  }
  for (const ch of c.channels) {
    const t = graph.channels.find((x) => x.id === ch.id)?.settings.telemetry;
    const from = graph.actors.find((a) => a.sends.includes(ch.id));
    const to = graph.actors.find((a) => a.takes.includes(ch.id));
    if (!from || !to) continue;
    const lines = [
      `Avg rate: ${Math.round(ch.rate.average())}/s`,
      `filled 80%ile: ${percentile(ch.filled.snapshot(), 80).toFixed(0)}%`,
      `Capacity: ${ch.capacity} Total: ${ch.takeTotal}`,
    ];
    const colour = t
      ? moreSevere(
          worstColour(t.filledTriggers, ch.filled.snapshot()),
          worstColour(t.rateTriggers, ch.rate.snapshot()),
        )
      : undefined;
    out.push(
      `  ${q(`a${from.index}`)} -> ${q(`a${to.index}`)} [label=${q(lines.join('\n'))}${colour ? `, color=${colour}, penwidth=3` : ''}];`,
    );
  }
  out.push('}');
  return `${out.join('\n')}\n`;
}
