import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ABORT,
  BACK_PRESSURED,
  ChannelUriError,
  CLOSED,
  type Image,
  MAX_POSITION_EXCEEDED,
  NOT_CONNECTED,
  Publication,
  Subscription,
  type SubscriptionOptions,
} from '../../src/aeron/index.ts';
import { freeUdpPort } from '../../src/testing/ports.ts';
import { seededRandom, testSeed, waitUntil } from './helpers.ts';
import { LossyProxy } from './lossy-proxy.ts';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function subscribe(port = 0, options: SubscriptionOptions = {}) {
  const events: string[] = [];
  const messages: { session: number; text: string }[] = [];
  const subscription = await Subscription.open(`aeron:udp?endpoint=127.0.0.1:${port}`, 5, {
    onMessage: (m, image) => messages.push({ session: image.sessionId, text: m.toString() }),
    onAvailableImage: (image: Image) => events.push(`available ${image.sessionId}`),
    onUnavailableImage: (image: Image, reason) => events.push(`${reason} ${image.sessionId}`),
    ...options,
  });
  cleanup.push(() => subscription.close());
  return { subscription, events, messages };
}

async function publish(port: number, options = {}) {
  const publication = await Publication.open(
    `aeron:udp?endpoint=127.0.0.1:${port}|term-length=64k`,
    5,
    options,
  );
  cleanup.push(() => publication.close());
  return publication;
}

const offerText = (p: Publication, text: string) => p.offer(Buffer.from(text));

describe('connection lifecycle', () => {
  it('refuses offers until a receiver answers: NOT_CONNECTED, then positions; CLOSED after close', async () => {
    const { subscription, messages } = await subscribe();
    const publication = await Publication.open('aeron:udp?endpoint=127.0.0.1:9|term-length=64k', 5);
    expect(offerText(publication, 'nobody there')).toBe(NOT_CONNECTED);
    expect(publication.isConnected).toBe(false);
    expect(publication.counters.setupsSent).toBeGreaterThanOrEqual(1);
    await publication.close();
    const connected = await publish(subscription.localPort);
    expect(await connected.waitForConnection(2000)).toBe(true);
    expect(offerText(connected, 'hello')).toBe(64n);
    await waitUntil(() => messages.length === 1, 2000, 'the message');
    expect(messages[0]!.text).toBe('hello');
    await connected.close();
    expect(offerText(connected, 'late')).toBe(CLOSED);
  });

  it('returns MAX_POSITION_EXCEEDED at the last term a 32-bit term count allows', async () => {
    const { subscription, messages } = await subscribe();
    const publication = await Publication.open(
      `aeron:udp?endpoint=127.0.0.1:${subscription.localPort}|term-length=64k|init-term-id=5|term-id=-2147483644|term-offset=65024`,
      5,
      { lingerMs: 500 },
    );
    cleanup.push(() => publication.close());
    expect(await publication.waitForConnection(2000)).toBe(true);
    expect(publication.position).toBe((BigInt(2 ** 31 - 1) << 16n) + 65024n); // 2^31 − 1 terms after term 5, the id wrapped
    expect(offerText(publication, 'fits')).toBe((BigInt(2 ** 31 - 1) << 16n) + 65088n);
    expect(publication.offer(Buffer.alloc(600))).toBe(MAX_POSITION_EXCEEDED);
    await waitUntil(() => messages.length === 1, 2000, 'the message that fitted');
  });

  it('back-pressures a publisher whose subscriber does not poll, instead of buffering without bound', async () => {
    const subscription = await Subscription.open('aeron:udp?endpoint=127.0.0.1:0', 5);
    cleanup.push(() => subscription.close());
    const publication = await publish(subscription.localPort, { lingerMs: 200 });
    expect(await publication.waitForConnection(2000)).toBe(true);
    const message = Buffer.alloc(1000, 7);
    let accepted = 0;
    for (let round = 0; round < 20; round++) {
      while (publication.offer(message) > 0n) accepted++;
      await publication.waitForVacancy(20);
    }
    expect(publication.offer(message)).toBe(BACK_PRESSURED);
    // Window (32 KiB) + half a term (32 KiB) of 1,056-byte frames at most.
    expect(accepted).toBeLessThanOrEqual(Math.ceil((65536 * 1.5) / 1056));
    expect(accepted).toBeGreaterThan(30);
    expect(publication.counters.flowControlStalls).toBeGreaterThan(0);
    expect(publication.counters.backPressured).toBeGreaterThan(0);
    // Polling with a fragment limit delivers at most that many, then the publisher may go on.
    let polled = 0;
    expect(subscription.poll(() => polled++, 5)).toBe(5);
    expect(polled).toBe(5);
    while (polled < accepted) {
      if (subscription.poll(() => polled++, 1000) === 0) await subscription.waitForData(100);
    }
    expect(polled).toBe(accepted);
    await waitUntil(() => publication.offer(message) > 0n, 2000, 'the window to open');
  });

  it("a subscription's rcv-wnd is the window its images advertise: the publisher runs that far ahead and no further", async () => {
    const subscription = await Subscription.open('aeron:udp?endpoint=127.0.0.1:0|rcv-wnd=16k', 5);
    cleanup.push(() => subscription.close());
    const publication = await publish(subscription.localPort, { lingerMs: 200 });
    expect(await publication.waitForConnection(2000)).toBe(true);
    expect(subscription.activeImages[0]?.receiverWindow).toBe(16 * 1024);
    const message = Buffer.alloc(1000, 7);
    let accepted = 0;
    for (let round = 0; round < 20; round++) {
      while (publication.offer(message) > 0n) accepted++;
      await publication.waitForVacancy(20);
    }
    // The 16 KiB window + half a 64 KiB term of 1,056-byte frames at most (the default window: 93).
    expect(accepted).toBeLessThanOrEqual(Math.ceil((16384 + 32768) / 1056));
    expect(accepted).toBeGreaterThan(15);
  });

  it('refuses at open a window its socket cannot hold, naming what to change, and leaves the port free', async () => {
    const port = await freeUdpPort();
    const refused = Subscription.open(`aeron:udp?endpoint=127.0.0.1:${port}|so-rcvbuf=64k|rcv-wnd=1m`, 5);
    await expect(refused).rejects.toThrow(ChannelUriError);
    await expect(refused).rejects.toThrow(
      /rcv-wnd: a window of 1024 KiB does not fit the socket's receive buffer \(\d+ KiB as the system granted it\): lower rcv-wnd, or raise so-rcvbuf/,
    );
    const { subscription } = await subscribe(port); // the refused one's socket was closed
    expect(subscription.localPort).toBe(port);
  });

  /** A subscription with 'first', a fragmented 3000-byte message of 'b's and 'third' received, none polled. */
  async function threeMessagesWaiting(): Promise<Subscription> {
    const subscription = await Subscription.open('aeron:udp?endpoint=127.0.0.1:0', 5);
    cleanup.push(() => subscription.close());
    const publication = await publish(subscription.localPort, { lingerMs: 200 });
    expect(await publication.waitForConnection(2000)).toBe(true);
    expect(offerText(publication, 'first')).toBeGreaterThan(0n);
    expect(publication.offer(Buffer.alloc(3000, 0x62))).toBeGreaterThan(0n); // fragmented
    expect(offerText(publication, 'third')).toBeGreaterThan(0n);
    await waitUntil(
      () => subscription.activeImages[0]?.rebuildPosition === publication.position,
      2000,
      'the data',
    );
    return subscription;
  }

  it('a poll handler that throws consumes its message: the next poll goes on with the next one', async () => {
    const subscription = await threeMessagesWaiting();
    const seen: string[] = [];
    const throwing = (m: Buffer) => {
      seen.push(m.length > 100 ? `${m.length} bytes` : m.toString());
      throw new Error('handler failed');
    };
    expect(() => subscription.poll(throwing, 10)).toThrow('handler failed');
    expect(() => subscription.poll(throwing, 10)).toThrow('handler failed');
    expect(subscription.poll((m) => seen.push(m.toString()), 10)).toBe(1);
    expect(seen).toEqual(['first', '3000 bytes', 'third']);
  });

  it('a handler that answers ABORT leaves the message (whole or fragmented) for the next poll', async () => {
    const subscription = await threeMessagesWaiting();
    const seen: string[] = [];
    const describe = (m: Buffer) =>
      m.length > 100 ? `${m.length} bytes of ${m.toString('utf8', 0, 1)}` : m.toString();
    // Accept only what fits a budget of one message per poll: each refusal keeps its message.
    const acceptOne = () => {
      let room = 1;
      return (m: Buffer) => {
        if (room === 0) return ABORT;
        room--;
        seen.push(describe(m));
      };
    };
    // 'first', then the 3000-byte message's first two fragments (assembled); refused at its last
    expect(subscription.poll(acceptOne(), 10)).toBe(3);
    expect(subscription.poll(acceptOne(), 10)).toBe(1); // its last fragment, delivered whole; 'third' refused
    expect(subscription.poll(() => ABORT, 10)).toBe(0); // refused at once: nothing consumed
    expect(subscription.poll(acceptOne(), 10)).toBe(1);
    expect(seen).toEqual(['first', '3000 bytes of b', 'third']);
  });

  it('publisher restart mid-stream: the old image ends (liveness timeout), a new session is a new image', async () => {
    const { subscription, events, messages } = await subscribe(0, { imageLivenessTimeoutMs: 300 });
    const first = await publish(subscription.localPort);
    expect(await first.waitForConnection(2000)).toBe(true);
    for (let i = 0; i < 10; i++) expect(offerText(first, `old ${i}`)).toBeGreaterThan(0n);
    await waitUntil(() => messages.length === 10, 2000, 'the old messages');
    first.abort(); // dies without end of stream
    const second = await publish(subscription.localPort);
    expect(await second.waitForConnection(2000)).toBe(true);
    expect(second.sessionId).not.toBe(first.sessionId);
    for (let i = 0; i < 10; i++) expect(offerText(second, `new ${i}`)).toBeGreaterThan(0n);
    await waitUntil(
      () => messages.length === 20 && events.length === 3,
      3000,
      'the new messages and the old image to end',
    );
    expect(events).toEqual([
      `available ${first.sessionId}`,
      `available ${second.sessionId}`,
      `timeout ${first.sessionId}`,
    ]);
    expect(messages.map((m) => m.text)).toEqual([
      ...Array.from({ length: 10 }, (_, i) => `old ${i}`),
      ...Array.from({ length: 10 }, (_, i) => `new ${i}`),
    ]);
    expect(messages.slice(10).every((m) => m.session === second.sessionId)).toBe(true);
    expect(subscription.counters.imagesCreated).toBe(2);
  });

  it('a closed publisher sends end of stream; the image ends with it and close() returns once acknowledged', async () => {
    const { subscription, events, messages } = await subscribe();
    // A linger far beyond the test's timeout: close() can only return through the receiver's acknowledgement.
    const publication = await publish(subscription.localPort, { lingerMs: 600_000 });
    expect(await publication.waitForConnection(2000)).toBe(true);
    for (let i = 0; i < 100; i++) expect(offerText(publication, `m${i}`)).toBeGreaterThan(0n);
    await publication.close();
    expect(messages.length).toBe(100);
    expect(events).toEqual([`available ${publication.sessionId}`, `end-of-stream ${publication.sessionId}`]);
    expect(subscription.activeImages).toEqual([]);
  });

  it('subscriber restart: the publisher loses the connection, then reconnects with SETUP again', async () => {
    const a = await subscribe();
    const port = a.subscription.localPort;
    const publication = await publish(port, { connectionTimeoutMs: 300 });
    expect(await publication.waitForConnection(2000)).toBe(true);
    expect(offerText(publication, 'to the first')).toBeGreaterThan(0n);
    await waitUntil(() => a.messages.length === 1, 2000, 'the first message');
    const setupsBefore = publication.counters.setupsSent;
    await a.subscription.close();
    await waitUntil(() => !publication.isConnected, 2000, 'the publisher to notice');
    expect(offerText(publication, 'into the void')).toBe(NOT_CONNECTED);
    const b = await subscribe(port);
    expect(await publication.waitForConnection(3000)).toBe(true);
    expect(publication.counters.setupsSent).toBeGreaterThan(setupsBefore);
    expect(b.subscription.counters.setupsReceived).toBeGreaterThanOrEqual(1);
    expect(offerText(publication, 'to the second')).toBeGreaterThan(0n);
    await waitUntil(() => b.messages.length === 1, 2000, 'the second message');
    expect(b.messages[0]!.text).toBe('to the second');
  });

  it('reliable=false: gaps are skipped, not NAKed, and what arrives is still in order', async () => {
    const seed = testSeed();
    const random = seededRandom(seed);
    const messages: number[] = [];
    const subscription = await Subscription.open('aeron:udp?endpoint=127.0.0.1:0|reliable=false', 5, {
      onMessage: (m) => messages.push(m.readUInt32LE(0)),
    });
    cleanup.push(() => subscription.close());
    const proxy = await LossyProxy.start(subscription.localPort, seed, {
      drop: 0.1,
      duplicate: 0.02,
      reorder: 0,
      reorderWindow: 1,
    });
    cleanup.push(() => proxy.close());
    const publication = await publish(proxy.port, { lingerMs: 300 });
    expect(await publication.waitForConnection(3000)).toBe(true);
    const message = Buffer.alloc(1300);
    for (let i = 0; i < 2000; ) {
      message.writeUInt32LE(i, 0);
      if (publication.offer(message, 0, 100 + Math.floor(random() * 1200)) > 0n) i++;
      else await publication.waitForVacancy(50);
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(subscription.counters.naksSent, `seed ${seed}`).toBe(0);
    expect(subscription.counters.gapsFilled).toBeGreaterThan(0);
    expect(messages.length).toBeGreaterThan(1000);
    expect(messages.length).toBeLessThan(2000);
    for (let i = 1; i < messages.length; i++) expect(messages[i]! > messages[i - 1]!).toBe(true);
  });
});

describe('timers and idling', () => {
  it('an idle connected pair burns almost no CPU (no busy spin), measured in a process of its own', () => {
    const script = fileURLToPath(new URL('./fixtures/idle-cpu.ts', import.meta.url));
    const result = spawnSync(process.execPath, ['--import', 'tsx', script], {
      encoding: 'utf8',
      timeout: 15_000,
    });
    expect(result.stderr).toBe('');
    const idle = JSON.parse(result.stdout) as {
      cpuMs: number;
      heartbeats: number;
      statusMessages: number;
      connected: boolean;
    };
    expect(idle.cpuMs).toBeLessThan(50); // ms of CPU in one idle second: under 5 % of a core
    expect(idle.heartbeats).toBeGreaterThanOrEqual(8); // about every 100 ms
    expect(idle.statusMessages).toBeGreaterThanOrEqual(4); // about every 200 ms…
    expect(idle.statusMessages).toBeLessThanOrEqual(10); // …not the fast rhythm kept while data flows
    expect(idle.connected).toBe(true);
  });

  it('after close, nothing keeps the process alive: a script that closes both ends exits by itself', () => {
    const script = fileURLToPath(new URL('./fixtures/close-and-exit.ts', import.meta.url));
    // A process that does not exit is killed at the timeout, and then has no exit status 0.
    const result = spawnSync(process.execPath, ['--import', 'tsx', script], {
      encoding: 'utf8',
      timeout: 15_000,
    });
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('closed after bye');
    expect(result.status).toBe(0);
  });
});
