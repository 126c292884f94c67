import { afterEach, describe, expect, it } from 'vitest';
import { type Image, Publication, Subscription } from '../../src/aeron/index.ts';
import { waitUntil } from '../../src/testing/wait-until.ts';
import { checkMessage, mixedSizes, publishRange, seededRandom, testSeed } from './helpers.ts';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  // Publications first, so their end of stream is acknowledged before the subscriptions go.
  for (const c of open.splice(0).reverse()) await c.close();
});

async function pair(termLength: string, extra = '') {
  let onMessage: (m: Buffer, image: Image) => void = () => {};
  const subscription = await Subscription.open('aeron:udp?endpoint=127.0.0.1:0', 10, {
    onMessage: (m, image) => onMessage(m, image),
  });
  open.push(subscription);
  const publication = await Publication.open(
    `aeron:udp?endpoint=127.0.0.1:${subscription.localPort}|term-length=${termLength}${extra}`,
    10,
  );
  open.push(publication);
  expect(await publication.waitForConnection(5000)).toBe(true);
  return { subscription, publication, setHandler: (h: typeof onMessage) => (onMessage = h) };
}

describe('TypeScript publisher → TypeScript subscriber over loopback', () => {
  it('delivers 1,000,000 messages of 8 B to 3×MTU with 64 KiB terms (many rotations) in order, exactly once', async () => {
    const seed = testSeed();
    const count = 1_000_000;
    const { subscription, publication, setHandler } = await pair('64k');
    const sizes = mixedSizes(count, publication.mtu, seededRandom(seed));
    let next = 0;
    let failure: Error | undefined;
    setHandler((m) => {
      try {
        checkMessage(m, next, sizes[next]!);
        next++;
      } catch (e) {
        failure ??= e as Error;
      }
    });
    try {
      await publishRange(publication, sizes, 0, count, performance.now() + 40_000);
      await waitUntil(
        () => next === count || failure !== undefined,
        10_000,
        () => `the whole stream (${next} of ${count} messages delivered)`,
      );
      expect(failure).toBeUndefined();
      expect(next).toBe(count);
      expect(subscription.counters.messagesReceived).toBe(count);
      const bytes = sizes.reduce((n, s) => n + s, 0);
      // Far more bytes than three 64 KiB terms: the terms rotated hundreds of times.
      expect(publication.position).toBeGreaterThan(BigInt(bytes));
      expect(publication.position / 65536n).toBeGreaterThan(1000n);
      expect(subscription.activeImages[0]!.consumedPosition).toBe(publication.position);
      expect(subscription.counters.invalidFrames + publication.counters.invalidFrames).toBe(0);
    } catch (error) {
      console.error(`seed ${seed} (replay with AERON_TEST_SEED=${seed})`);
      throw error;
    }
  }, 60_000);

  it('keeps exact BigInt positions past 2^53 while the int32 term id wraps', async () => {
    const initial = 2147483000;
    const termId = (initial + 2 ** 29 + 5) | 0; // past 2^29 terms of 16 MiB: position > 2^53
    const termOffset = 16 * 1024 * 1024 - 8192;
    const { subscription, publication, setHandler } = await pair(
      '16m',
      `|init-term-id=${initial}|term-id=${termId}|term-offset=${termOffset}`,
    );
    const start = ((2n ** 29n + 5n) << 24n) + BigInt(termOffset);
    expect(termId).toBeLessThan(0);
    expect(start > 2n ** 53n).toBe(true);
    expect(publication.position).toBe(start);
    const image = subscription.activeImages[0]!;
    expect(image.joinPosition).toBe(start);
    const positions: bigint[] = [];
    setHandler((_m, img) => positions.push(img.position));
    const sizes = new Uint32Array(100).fill(1000);
    await publishRange(publication, sizes, 0, 100, performance.now() + 10_000);
    await waitUntil(
      () => positions.length >= 100,
      5000,
      () => `100 positions (${positions.length} so far)`,
    );
    // 100 frames of 1056 bytes, plus the padding at the end of the term they crossed.
    expect(positions.length).toBe(100);
    expect(positions[0]).toBe(start + 1056n);
    expect(positions[99]).toBe(publication.position);
    expect(publication.position).toBe(((2n ** 29n + 6n) << 24n) + 1056n * 93n);
    for (let i = 1; i < 100; i++) expect(positions[i]! > positions[i - 1]!).toBe(true);
  });
});
