/** Runs one streaming variant: a real graph, two solo actors joined by one i32 channel. */
import { type ActorDefinition, codecs, GraphBuilder, type Rx, SoloAct, type Tx } from '../../src/index.ts';
import { type Row, rowFromTrials } from './rows.ts';
import type { StreamParams } from './stream-actors.ts';
import { newTrialBlock, readTrials } from './trials.ts';

export type StreamActors = readonly [
  ActorDefinition<[Tx<number>, StreamParams, Float64Array, Int32Array]>,
  ActorDefinition<[Rx<number>, StreamParams, Float64Array, Int32Array]>,
];

export async function runStream(
  variant: string,
  [producer, consumer]: StreamActors,
  p: StreamParams & { readonly ring: number },
  expected: number,
  timeoutMs: number,
): Promise<Row> {
  const graph = GraphBuilder.forProduction().withoutTelemetry().build({});
  const [tx, rx] = graph
    .channelBuilder()
    .withCodec(codecs.i32)
    .withCapacity(p.ring)
    .withName(variant)
    .build();
  const block = newTrialBlock();
  const params: StreamParams = { total: p.total, trials: p.trials, chunk: p.chunk };
  graph.actorBuilder().withName('producer').build(producer, [tx, params, block.results, block.sync], SoloAct);
  graph.actorBuilder().withName('consumer').build(consumer, [rx, params, block.results, block.sync], SoloAct);
  graph.start();
  let timedOut = false;
  const watchdog = setTimeout(() => {
    timedOut = true;
    graph.requestShutdown();
  }, timeoutMs);
  try {
    await graph.blockUntilStopped(timeoutMs);
  } finally {
    clearTimeout(watchdog);
  }
  const outcome = readTrials(block, p.trials, p.total, expected);
  // Stopped early without the watchdog: an actor failed (its error is in the log above).
  const note =
    outcome.finished === p.trials
      ? undefined
      : timedOut
        ? 'timed out'
        : `failed: stopped after ${outcome.finished} of ${p.trials} trials`;
  return rowFromTrials(variant, p.total, outcome.seconds, outcome.verified, note);
}
