/**
 * DOT text of the live graph, drawn left to right: actors as nodes, channels as edges, each
 * labelled with the figures its telemetry options ask for and coloured by its triggers.
 */

import type { Collector } from './collector.ts';
import { readCounters } from './counters.ts';
import { actorFigures, channelFigures, type PercentileFigure } from './figures.ts';
import type { Colour } from './options.ts';

const quote = (s: string): string =>
  `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
const windowLine = (ms: number): string => (ms <= 0 ? 'since start' : `window ${(ms / 1000).toFixed(1)}s`);
const nodeId = (index: number): string => quote(`a${index}`);
const percentLine = (what: string, f: PercentileFigure, value: string): string =>
  `${what} ${f.p}%ile: ${value}`;
const perSecond = (v: number): string => `${Math.round(v)}/s`;
/** `naksReceived` → `naks received`: counter names as label text. */
const words = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
const milliseconds = (v: number): string => (v < 10 ? v.toFixed(2) : Math.round(v).toString());

/** Label and colour attributes; the colour keeps the form `color=<name>, penwidth=3` (tools parse it). */
const attributes = (lines: readonly string[], colour: Colour | undefined): string =>
  `[label=${quote(lines.join('\n'))}${colour ? `, color=${colour}, penwidth=3` : ''}]`;

export function toDot(c: Collector): string {
  const out = [
    'digraph G {',
    '  rankdir=LR;',
    '  node [shape=box, style=rounded, fontname="Helvetica", fontsize=12];',
    '  edge [fontname="Helvetica", fontsize=10];',
  ];
  for (const a of c.actors) {
    const f = actorFigures(a);
    const lines = [a.name, windowLine(a.telemetry.windowMs)];
    if (f.avgLoad !== undefined) lines.push(`Avg load: ${f.avgLoad.toFixed(1)}%`);
    for (const p of f.loadPercentiles) lines.push(percentLine('load', p, `${p.value.toFixed(1)}%`));
    if (f.avgMcpu !== undefined) lines.push(`Avg mCPU: ${Math.round(f.avgMcpu)}`);
    for (const p of f.mcpuPercentiles) lines.push(percentLine('mCPU', p, Math.round(p.value).toString()));
    if (a.restarts > 0) lines.push(`Restarts: ${a.restarts}`);
    if (a.counters)
      for (const [name, value] of readCounters(a.counters)) lines.push(`${words(name)}: ${value}`);
    out.push(`  ${nodeId(a.index)} ${attributes(lines, f.colour)};`);
  }
  for (const ch of c.channels) {
    // A channel shows as an edge once both its ends are held by actors the graph knows.
    if (!ch.from || !ch.to) continue;
    const f = channelFigures(ch);
    const lines = [ch.name];
    if (f.avgRate !== undefined) lines.push(`Avg rate: ${perSecond(f.avgRate)}`);
    for (const p of f.ratePercentiles) lines.push(percentLine('rate', p, perSecond(p.value)));
    if (f.avgFilled !== undefined) lines.push(`Avg filled: ${f.avgFilled.toFixed(0)}%`);
    for (const p of f.filledPercentiles) lines.push(percentLine('filled', p, `${p.value.toFixed(0)}%`));
    if (f.avgLatencyMs !== undefined) lines.push(`Avg latency: ${milliseconds(f.avgLatencyMs)} ms`);
    lines.push(`Capacity: ${ch.capacity} Total: ${ch.takeTotal}`);
    if (ch.dropped > 0) lines.push(`Dropped: ${ch.dropped}`);
    out.push(`  ${nodeId(ch.from.index)} -> ${nodeId(ch.to.index)} ${attributes(lines, f.colour)};`);
  }
  out.push('}');
  return `${out.join('\n')}\n`;
}
