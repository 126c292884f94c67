import { afterEach, describe, expect, it } from 'vitest';
import { Publication, Subscription } from '../../src/aeron/index.ts';
import { waitUntil } from '../../src/testing/wait-until.ts';
import { checkMessage, mixedSizes, publishRange, seededRandom, testSeed } from './helpers.ts';
import { LossyProxy } from './lossy-proxy.ts';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

describe('through a lossy proxy (seeded 10 % drop, 2 % duplicate, reorder within 3, both directions)', () => {
  it('delivers 100,000 mixed messages (8 B to 3×MTU, 64 KiB terms) in order, exactly once, recovering with NAKs', async () => {
    const seed = testSeed();
    const count = 100_000;
    const sizes = mixedSizes(count, 1408, seededRandom(seed));
    let next = 0;
    let failure: Error | undefined;
    const subscription = await Subscription.open('aeron:udp?endpoint=127.0.0.1:0', 10, {
      nakRetryMs: 2,
      onMessage: (m) => {
        try {
          checkMessage(m, next, sizes[next]!);
          next++;
        } catch (e) {
          failure ??= e as Error;
        }
      },
    });
    cleanup.push(() => subscription.close());
    const proxy = await LossyProxy.start(subscription.localPort, seed, {
      drop: 0.1,
      duplicate: 0.02,
      reorder: 0.05,
      reorderWindow: 3,
    });
    cleanup.push(() => proxy.close());
    const publication = await Publication.open(
      `aeron:udp?endpoint=127.0.0.1:${proxy.port}|term-length=64k`,
      10,
      {
        lingerMs: 1000,
      },
    );
    cleanup.push(() => publication.close());
    try {
      expect(await publication.waitForConnection(5000)).toBe(true);
      await publishRange(publication, sizes, 0, count, performance.now() + 60_000);
      await waitUntil(
        () => next === count || failure !== undefined,
        15_000,
        () => `the whole stream (${next} of ${count} messages delivered)`,
      );
      expect(failure).toBeUndefined();
      expect(next).toBe(count);
      expect(subscription.counters.messagesReceived).toBe(count);
      const { toSubscriber, toPublisher } = proxy.stats;
      for (const s of [toSubscriber, toPublisher]) {
        expect(s.dropped).toBeGreaterThan(0);
        expect(s.duplicated).toBeGreaterThan(0);
        expect(s.reordered).toBeGreaterThan(0);
      }
      expect(subscription.counters.naksSent).toBeGreaterThan(0);
      expect(publication.counters.naksReceived).toBeGreaterThan(0);
      expect(publication.counters.retransmits).toBeGreaterThan(0);
      // At least one retransmission per datagram the proxy dropped on the way in.
      expect(publication.counters.retransmits).toBeGreaterThanOrEqual(toSubscriber.dropped * 0.5);
    } catch (error) {
      console.error(`seed ${seed} (replay with AERON_TEST_SEED=${seed})`, proxy.stats, publication.counters);
      throw error;
    }
  }, 80_000);
});
