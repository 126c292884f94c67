import { describe, expect, it } from 'vitest';
import { toDot } from '../../src/telemetry/dot.ts';
import { avgAbove, percentileAbove } from '../../src/telemetry/options.ts';
import { worstColour } from '../../src/telemetry/triggers.ts';
import { pipelineScenario } from './scenario.ts';

describe('triggers', () => {
  it('fire on average and percentile, worst colour wins', () => {
    const t = [
      { trigger: avgAbove(50), colour: 'yellow' as const },
      { trigger: percentileAbove(80, 90), colour: 'red' as const },
    ];
    expect(worstColour(t, [10, 20])).toBeUndefined();
    expect(worstColour(t, [60, 60])).toBe('yellow');
    expect(worstColour(t, [60, 95])).toBe('red');
  });
});

/** The statement of one node or edge: its DOT line, found by its start. */
function statement(dot: string, start: string): string {
  const line = dot.split('\n').find((l) => l.trimStart().startsWith(start));
  if (!line) throw new Error(`no line starting with ${start} in:\n${dot}`);
  return line.trim();
}
const label = (...lines: string[]): string => `[label="${lines.join('\\n')}"`;

describe('/graph.dot', () => {
  const dot = toDot(pipelineScenario());

  it('draws left to right', () => {
    expect(dot).toMatch(/^digraph G \{\n {2}rankdir=LR;\n/);
    expect(dot.trimEnd().endsWith('}')).toBe(true);
  });

  it('labels an edge with exactly the figures its channel asks for, coloured by its worst firing trigger', () => {
    expect(statement(dot, '"a0" -> "a1"')).toBe(
      `"a0" -> "a1" ${label(
        'numbers',
        'rate 90%ile: 200/s',
        'Avg filled: 18%',
        'filled 50%ile: 20%',
        'filled 99.9%ile: 40%',
        'Avg latency: 180 ms',
        'Capacity: 100 Total: 50',
      )}, color=orange, penwidth=3];`,
    );
  });

  it('gives a channel that asks for nothing the rate and filled 80%ile, and shows dropped showstoppers', () => {
    expect(statement(dot, '"a1" -> "a2"')).toBe(
      `"a1" -> "a2" ${label(
        'results',
        'Avg rate: 0/s',
        'filled 80%ile: 0%',
        'Capacity: 10 Total: 0',
        'Dropped: 2',
      )}, color=red, penwidth=3];`,
    );
  });

  it('labels a node with the figures its actor asks for, its restarts, and colours it by its triggers', () => {
    expect(statement(dot, '"a0" [')).toBe(
      `"a0" ${label('generator', 'window 10.0s', 'Avg load: 50.0%', 'load 50%ile: 50.0%', 'mCPU 90%ile: 512')}];`,
    );
    expect(statement(dot, '"a1" [')).toBe(
      `"a1" ${label('worker', 'window 10.0s', 'Avg load: 37.5%', 'Avg mCPU: 384', 'Restarts: 2')}];`,
    );
    expect(statement(dot, '"a2" [')).toBe(
      `"a2" ${label('logger', 'window 10.0s', 'Avg mCPU: 128')}, color=red, penwidth=3];`,
    );
  });
});
