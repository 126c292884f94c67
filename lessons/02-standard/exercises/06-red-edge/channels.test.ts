import { CallingThread, GraphBuilder } from '@steady/runtime';
import { captureLogs, waitUntil } from '@steady/runtime/testing';
import { expect, it } from 'vitest';
import { withFillColours } from './channels.ts';
import { Filler, Holder } from './fixtures.ts';

/**
 * Each edge of a DOT text, as "from -> to" (the actors' names, the first line of their node
 * labels), with its colour: `color=red` in the edge's attributes gives 'red', none gives 'none'.
 */
function edgeColours(dot: string): Record<string, string> {
  const lines = dot.split('\n');
  const names = new Map<string, string>();
  for (const line of lines) {
    const node = /^\s*"([^"]+)"\s*\[label="((?:[^"\\]|\\.)*)"/.exec(line);
    if (node?.[1] && node[2] !== undefined) names.set(node[1], node[2].split('\\n')[0] ?? node[1]);
  }
  const edges: Record<string, string> = {};
  for (const line of lines) {
    const edge = /^\s*"([^"]+)"\s*->\s*"([^"]+)"\s*\[(.*)\]/.exec(line);
    if (!edge?.[1] || !edge[2]) continue;
    const attributes = (edge[3] ?? '').replace(/"(?:[^"\\]|\\.)*"/g, '""'); // labels may say anything
    const colour = /\bcolor=(\w+)/.exec(attributes)?.[1] ?? 'none';
    edges[`${names.get(edge[1]) ?? edge[1]} -> ${names.get(edge[2]) ?? edge[2]}`] = colour;
  }
  return edges;
}

/** How many of a channel's 64 slots the test fills: 0 %, 25 %, 50 %, 87.5 % and 100 % full. */
const FILLS = [0, 16, 32, 56, 64];

it('/graph.dot draws channels above 90 % full red, above 40 % orange, the others uncoloured', async () => {
  const capture = captureLogs();
  const graph = GraphBuilder.forTesting().withInternalBehavior().withTelemetry().build({}); // an ephemeral port
  // A 1 s window (ten 100 ms frames) lets the average settle in about a second.
  const channels = withFillColours(graph.channelBuilder().withCapacity(64).withTelemetryWindow(1000));
  const actors = graph.actorBuilder();
  for (const count of FILLS) {
    const [tx, rx] = channels.withName(`held${count}`).build();
    actors.withName(`fill${count}`).build(Filler, [tx, count], CallingThread);
    actors.withName(`hold${count}`).build(Holder, [rx], CallingThread);
  }
  const expected = {
    'fill0 -> hold0': 'none',
    'fill16 -> hold16': 'none',
    'fill32 -> hold32': 'orange',
    'fill56 -> hold56': 'orange',
    'fill64 -> hold64': 'red',
  };
  graph.start();
  try {
    const address = await graph.telemetry?.address;
    let edges: Record<string, string> = {};
    let fullSeenAt: number | undefined;
    await waitUntil(
      async () => {
        const dot = await (await fetch(`${address}/graph.dot`)).text();
        edges = edgeColours(dot);
        if (JSON.stringify(edges) === JSON.stringify(expected)) return true;
        // Once telemetry has seen the full channel full, two more windows leave every average at
        // its final value: colours that are still not right then never will be.
        if (/label="held64\\n[^"]*filled [^"]*: 100%/.test(dot)) fullSeenAt ??= performance.now();
        return fullSeenAt !== undefined && performance.now() - fullSeenAt > 2000;
      },
      15_000,
      () => `the edge colours ${JSON.stringify(expected)}; they were ${JSON.stringify(edges)}`,
      100, // one telemetry frame
    ).catch(() => {}); // the expectation below says what is wrong
    const drawn = FILLS.map((count) => `${(count * 100) / 64} % ${edges[`fill${count} -> hold${count}`]}`);
    expect(
      edges,
      `a channel more than 90 % full on average must be red, one more than 40 % full must be orange, a less full one uncoloured; triggers take percentages, 0 to 100. The channels were drawn: ${drawn.join(', ')}`,
    ).toEqual(expected);
  } finally {
    graph.requestShutdown();
    await graph.blockUntilStopped(2000);
    capture.stop();
  }
}, 60_000); // worker threads and telemetry frames: slow on a busy machine
