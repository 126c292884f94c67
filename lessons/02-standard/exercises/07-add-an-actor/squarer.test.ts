import { CallingThread, GraphBuilder } from '@steady/runtime';
import { captureLogs, waitUntil } from '@steady/runtime/testing';
import { expect, it } from 'vitest';
import type { MainArgs } from '../../src/args.ts';
import { describe, fizzBuzz } from '../../src/fizzbuzz.ts';
import { buildGraph } from './squarer.ts';

/** The nodes of a DOT text (actor name → its label) and its edges ("from -> to" → channel name). */
function parseDot(dot: string): { nodes: Map<string, string>; edges: Record<string, string> } {
  const ids = new Map<string, string>();
  const nodes = new Map<string, string>();
  const edges: Record<string, string> = {};
  for (const line of dot.split('\n')) {
    const node = /^\s*"([^"]+)"\s*\[label="((?:[^"\\]|\\.)*)"/.exec(line);
    if (node?.[1] && node[2] !== undefined) {
      const name = node[2].split('\\n')[0] ?? node[1];
      ids.set(node[1], name);
      nodes.set(name, node[2].replaceAll('\\n', '\n'));
    }
    const edge = /^\s*"([^"]+)"\s*->\s*"([^"]+)"\s*\[label="((?:[^"\\]|\\.)*)"/.exec(line);
    if (edge?.[1] && edge[2] && edge[3] !== undefined) {
      edges[`${ids.get(edge[1]) ?? edge[1]} -> ${ids.get(edge[2]) ?? edge[2]}`] =
        edge[3].split('\\n')[0] ?? '';
    }
  }
  return { nodes, edges };
}

const COUNT = 150; // more than two channels' worth: the squarer's output fills up on the way

it('the squarer runs between generator and worker, shows on the dashboard, and loses nothing', async () => {
  const capture = captureLogs();
  // Real actors, all on the test's own thread (no worker threads to start), telemetry on a free port.
  const graph = GraphBuilder.forTesting()
    .withInternalBehavior()
    .withTelemetry()
    .build<MainArgs>({ rate: 20, beats: 100_000 });
  buildGraph(graph, CallingThread);
  graph.start();
  try {
    const address = await graph.telemetry?.address;
    let dot = '';
    await waitUntil(
      async () => {
        dot = await (await fetch(`${address}/graph.dot`)).text();
        const { nodes } = parseDot(dot);
        // Every actor of a started graph is drawn from the first frame on: no squarer node, no squarer.
        if (nodes.size > 0 && !nodes.has('squarer')) return true;
        return nodes.get('squarer')?.includes('Avg mCPU') ?? false;
      },
      15_000,
      'the squarer on the dashboard, with its figures',
      100, // one telemetry frame
    ).catch(() => {}); // the expectations below say what is missing
    const { nodes, edges } = parseDot(dot);
    expect(
      edges,
      `the squarer's channels must show in /graph.dot: generator -> squarer, then squarer -> worker through a channel named 'squared' (the graph knows them from the arguments of build(SquarerActor, [...]), not from a closure). The edges were: ${Object.keys(edges).join(', ')}`,
    ).toMatchObject({ 'generator -> squarer': 'generator', 'squarer -> worker': 'squared' });
    expect(nodes.get('squarer'), 'the squarer node shows its CPU use').toMatch(/Avg mCPU/);

    await waitUntil(
      () => capture.messagesOf('logger').length >= COUNT,
      20_000,
      `${COUNT} logged messages`,
    ).catch(() => {});
    const logged = capture.messagesOf('logger').slice(0, COUNT);
    const wanted = Array.from({ length: COUNT }, (_, i) => `Msg ${describe(fizzBuzz(i * i))}`);
    const firstWrong = wanted.findIndex((line, i) => logged[i] !== line);
    expect(
      logged,
      `the logger must see the FizzBuzz of 0², 1², 2², … in order, none missing (its line ${firstWrong + 1} is ${JSON.stringify(logged[firstWrong] ?? 'missing')} where ${JSON.stringify(wanted[firstWrong])} belongs): the squarer must wait for room and move only what fits (backpressure)`,
    ).toEqual(wanted);

    const thread = (name: string) =>
      graph.actorStatus(graph.actors.findIndex((a) => a.name === name)).threadId;
    expect(
      thread('squarer'),
      'the squarer must run where the other actors run: build it on the schedule buildGraph is given (here the test passes CallingThread)',
    ).toBe(thread('generator'));

    graph.requestShutdown();
    const outcome = await graph.blockUntilStopped(5000).then(
      () => 'clean',
      (error: Error) => error.message,
    );
    expect(outcome, 'the graph stops cleanly once asked').toBe('clean');
    const stranded = graph.channels.flatMap(({ name, counts }) => {
      const left = counts ? counts.sentCount() - counts.takenCount() : 0;
      return left > 0 ? [`${left} values in ${name}`] : [];
    });
    expect(
      stranded,
      `at shutdown every value must get through: the squarer may agree to stop only once its input is closed and empty (its veto), then close its output. Left behind: ${stranded.join(', ')}`,
    ).toEqual([]);
  } finally {
    if (!graph.control.isShutdownRequested()) {
      graph.requestShutdown(); // an earlier expectation failed: stop the graph before reporting it
      await graph.blockUntilStopped(3000).catch(() => {});
    }
    capture.stop();
  }
}, 60_000); // worker threads and telemetry frames: slow on a busy machine
