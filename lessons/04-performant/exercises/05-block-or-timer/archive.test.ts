import { codecs, GraphBuilder } from '@steady/runtime';
import { sendAll, waitUntil } from '@steady/runtime/testing';
import { expect, it } from 'vitest';
import { type ArchiveOptions, archiveCodes } from './archive.ts';

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The archiver on the test's thread, writing into `writes`; returns the channel's sending end. */
function startArchiver(options: ArchiveOptions) {
  const graph = GraphBuilder.forTesting().build({});
  const [codesTx, codesRx] = graph.channelBuilder().withCodec(codecs.i32).withCapacity(64).build();
  const writes: number[][] = [];
  graph
    .actorBuilder()
    .withName('archiver')
    .build((actor) => archiveCodes(actor, codesRx, (block) => writes.push([...block]), options));
  /** Runs `checks` on the started graph, then stops it; a failed check is the error reported, not the stop. */
  const run = async (checks: () => Promise<void>) => {
    graph.start();
    let failed = true;
    try {
      await checks();
      failed = false;
    } finally {
      graph.requestShutdown();
      codesTx.markClosed();
      // A failed check is reported at once: an archiver still waiting for its minute-long timer
      // is not waited for as long as a working one may take to stop.
      const stopped = graph.blockUntilStopped(failed ? 300 : 3000);
      if (failed) await stopped.catch(() => undefined);
      else await stopped;
    }
  };
  return { codesTx, writes, run };
}

it('writes a trickle smaller than a block while the graph still runs', async () => {
  const { codesTx, writes, run } = startArchiver({ block: 32, maxLatencyMs: 30 });
  sendAll(codesTx, range(0, 5)); // 5 codes: a block of 32 will not fill
  await run(async () => {
    await waitUntil(
      () => writes.length > 0,
      3000,
      '5 codes still waiting for a full block of 32: no code may wait more than maxLatencyMs (30 ms)',
    );
    expect(writes, 'the 5 codes, in one write').toEqual([range(0, 5)]);
  });
});

it('writes full blocks as soon as they fill, and only full blocks while the timer is far away', async () => {
  const { codesTx, writes, run } = startArchiver({ block: 32, maxLatencyMs: 60_000 });
  sendAll(codesTx, range(0, 40)); // a full block and 8 more
  await run(async () => {
    await waitUntil(
      () => writes.length > 0,
      3000,
      'the first block: a full block is written as soon as it fills, without waiting for the timer',
    );
    await settle(200); // time enough for a wrong archiver to write the other 8 at once
    expect(
      writes,
      'writes so far: one full block; the 8 codes after it are not a block, and the timer is a minute away',
    ).toEqual([range(0, 32)]);
    sendAll(codesTx, range(40, 24)); // the second block fills
    await waitUntil(
      () => writes.length > 1,
      3000,
      'the second block: a full block is written as soon as it fills, without waiting for the timer',
    );
    expect(writes, 'two full blocks').toEqual([range(0, 32), range(32, 32)]);
  });
});

it('a block is as long as the block option says: blocks of 8', async () => {
  const { codesTx, writes, run } = startArchiver({ block: 8, maxLatencyMs: 60_000 });
  sendAll(codesTx, range(0, 20)); // two blocks of 8, and 4 more
  await run(async () => {
    await waitUntil(
      () => writes.length >= 2,
      3000,
      'two blocks of 8 (block: 8): wait for `block` codes, whatever its value, and write each full block as soon as it fills',
    );
    expect(writes, 'two full blocks of 8; the 4 codes after them are not a block').toEqual([
      range(0, 8),
      range(8, 8),
    ]);
  });
});
