/** Variants 1 and 2: the lesson's own graph, on its threads, measured from its ring counters. */
import { GraphBuilder } from '@steady/runtime';
import { DEFAULT_ARGS, type MainArgs } from '../src/args.ts';
import { buildPipeline } from '../src/main.ts';
import type { Counts } from './batch-work.ts';

export interface GraphRun {
  readonly messages: number;
  readonly seconds: number;
  readonly counts: Counts;
  /** Every message the logger counted (the graph runs on a little after the measured window). */
  readonly processed: number;
  readonly processedCounts: Counts;
  /** Resident memory when the logger took its first messages, and its peak until the measured end. */
  readonly rssAtFirstMessage: number;
  readonly rssPeakInRun: number;
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 1));
const RUN_LIMIT_MS = 60_000;

/**
 * Runs the graph until the logger has taken `messages`, timing from the logger's first take
 * (thread start-up is not part of the figure), then shuts it down and reads the logger's tally.
 */
export async function lessonGraph(messages: number, options: Partial<MainArgs>): Promise<GraphRun> {
  const args: MainArgs = { ...DEFAULT_ARGS, beats: 1e9, ...options };
  const graph = GraphBuilder.forProduction().withoutTelemetry().withSpinTurns(args.spin).build(args);
  const { workerTx, loggerState } = buildPipeline(graph);
  graph.start();
  const taken = () => workerTx.ring.takenCount();
  const deadline = performance.now() + RUN_LIMIT_MS;
  /** Throws rather than waiting forever when an actor died or the run takes far too long. */
  const stillGoing = async () => {
    const failed = graph.actors.map((a) => graph.actorStatus(a.index)).find((s) => s.stopped);
    if (failed || performance.now() > deadline) {
      graph.requestShutdown();
      await graph.blockUntilStopped(5000).catch(() => {});
      throw new Error(`lesson graph run failed: ${failed?.error ?? `no result within ${RUN_LIMIT_MS} ms`}`);
    }
    await pause();
    rssPeakInRun = Math.max(rssPeakInRun, process.memoryUsage.rss());
  };
  let rssPeakInRun = 0;
  // Every thread is up once the logger has taken something: time (and watch memory) from there.
  while (taken() === 0) await stillGoing();
  const started = performance.now();
  const takenAtStart = taken();
  const rssAtFirstMessage = process.memoryUsage.rss();
  rssPeakInRun = rssAtFirstMessage;
  while (taken() - takenAtStart < messages) await stillGoing();
  const seconds = (performance.now() - started) / 1000;
  const measured = taken() - takenAtStart;
  graph.requestShutdown();
  await graph.blockUntilStopped(30_000);
  const tally = loggerState.peek();
  if (!tally) throw new Error('the logger left no tally');
  const { processed, fizz, buzz, fizzBuzz, values } = tally;
  return {
    messages: measured,
    seconds,
    counts: { fizz, buzz, fizzBuzz, values },
    processed,
    processedCounts: { fizz, buzz, fizzBuzz, values },
    rssAtFirstMessage,
    rssPeakInRun,
  };
}
