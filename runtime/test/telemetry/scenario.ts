/**
 * One pipeline with known figures, shared by the DOT and /metrics tests:
 *
 *   generator --numbers--> worker --results--> logger
 *
 * Frames are exactly 100 ms apart (the clock is the test's). Every figure below is worked out
 * by hand; percentiles are nearest-rank over the window's frames.
 *
 * numbers (capacity 100, so fill % = in flight): frames of in-flight 0, 10, 20, 20, 40
 *   → avg filled 18 %, filled 50%ile 20 %, 99.9%ile 40 %; takes/s 0, 0, 100, 200, 200
 *   → rate 90%ile 200/s; latency 1000 × 18 / 100 = 180 ms; sent 90, taken 50.
 *   Triggers: orange when avg filled > 15 (fires), red when filled 80%ile > 30 (20: does not),
 *   yellow when avg rate > 50 (fires) → orange.
 * results (capacity 10, no figure asked for → the defaults): nothing moves, 2 showstoppers
 *   dropped; red when avg rate < 1 (fires).
 * Actors, busy ms per frame after the first: generator 50, 50, 50, 50 (mCPU 512, load 50 %);
 *   worker 25, 25, 50, 50 (avg mCPU 384, avg load 37.5 %), restarted twice; logger 25, 25, 0, 0
 *   (avg mCPU 128; red when avg mCPU > 100).
 */
import { vi } from 'vitest';
import { Collector } from '../../src/telemetry/collector.ts';
import { avgAbove, avgBelow, percentileAbove } from '../../src/telemetry/options.ts';
import { FakeGraph } from './fake-graph.ts';

export const FRAME_MS = 100;

export function pipelineScenario(): Collector {
  let clock = 1_000;
  const now = vi.spyOn(performance, 'now').mockImplementation(() => clock);
  try {
    const g = new FakeGraph();
    const [numbersTx, numbersRx] = g
      .channelBuilder()
      .withName('numbers')
      .withCapacity(100)
      .withAvgFilled()
      .withAvgLatency()
      .withFilledPercentile(50)
      .withFilledPercentile(99.9)
      .withRatePercentile(90)
      .withFilledTrigger(avgAbove(15), 'orange')
      .withFilledTrigger(percentileAbove(80, 30), 'red')
      .withRateTrigger(avgAbove(50), 'yellow')
      .build();
    const [resultsTx, resultsRx] = g
      .channelBuilder()
      .withName('results')
      .withCapacity(10)
      .withRateTrigger(avgBelow(1), 'red')
      .build();
    const generator = g.actor(
      (b) => b.withName('generator').withLoadAvg().withLoadPercentile(50).withMcpuPercentile(90),
      [numbersTx],
      [],
    );
    const worker = g.actor((b) => b.withName('worker'), [resultsTx], [numbersRx]);
    const logger = g.actor(
      (b) => b.withName('logger').withMcpuAvg().withMcpuTrigger(avgAbove(100), 'red'),
      [],
      [resultsRx],
    );

    const collector = new Collector(g, FRAME_MS);
    collector.sample(); // the first frame: actors set their baseline, channels push zeros
    g.restart(worker);
    g.restart(worker);
    g.drop(resultsRx, 2);
    const frames: [sent: number, taken: number, busy: [number, number, number]][] = [
      [10, 0, [50, 25, 25]],
      [20, 10, [50, 25, 25]],
      [20, 20, [50, 50, 0]],
      [40, 20, [50, 50, 0]],
    ];
    for (const [sent, taken, busy] of frames) {
      g.move(numbersTx, sent, taken);
      g.work(generator, busy[0]);
      g.work(worker, busy[1]);
      g.work(logger, busy[2]);
      clock += FRAME_MS;
      collector.sample();
    }
    return collector;
  } finally {
    now.mockRestore();
  }
}
