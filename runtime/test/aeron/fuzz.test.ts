import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DataFlags,
  decodeFrames,
  encodeDatagram,
  type Frame,
  HEADER_LENGTH,
  Publication,
  Subscription,
} from '../../src/aeron/index.ts';
import {
  C_PUBLISHER_TO_C_SUBSCRIBER,
  GAP_NAK_RETRANSMIT,
  MIXED_PEERS_C_SESSION,
} from './fixtures/captures.ts';
import {
  checkMessage,
  mixedSizes,
  publishRange,
  seededRandom,
  testSeed,
  waitUntil,
  writeMessage,
} from './helpers.ts';
import { SimulatedLink } from './simulated-link.ts';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const STREAM = 1001; // the captures' stream, so their frames reach the images
const DECOY = 0x0badf00d;
const LIVE_SESSION = 0x51ed5e55;

/** Valid datagrams to mutate: the captures plus frames of a decoy session of every type. */
function corpus(random: () => number): Buffer[] {
  const base = [...C_PUBLISHER_TO_C_SUBSCRIBER, ...GAP_NAK_RETRANSMIT, ...MIXED_PEERS_C_SESSION].map(
    ([, t]) => Buffer.from(t, 'hex'),
  );
  const id = { sessionId: DECOY, streamId: STREAM };
  const data = (termOffset: number, length: number, flags: number = DataFlags.UNFRAGMENTED): Frame => ({
    type: 'data',
    frameLength: length === 0 ? 0 : HEADER_LENGTH + length,
    flags,
    termOffset,
    termId: 77,
    reservedValue: 0n,
    payload: Buffer.alloc(length, 0xab),
    ...id,
  });
  const frames: Frame[][] = [
    [
      {
        type: 'setup',
        flags: 0,
        termOffset: 0,
        initialTermId: 77,
        activeTermId: 77,
        termLength: 65536,
        mtu: 1408,
        ttl: 0,
        ...id,
      },
    ],
    [data(0, 20), data(64, 100, DataFlags.BEGIN), data(224, 100, 0), data(384, 50, DataFlags.END)],
    [data(1024, 0)],
    [data(2048, 0, DataFlags.UNFRAGMENTED | DataFlags.EOS)],
    [
      {
        type: 'pad',
        frameLength: 512,
        flags: 0xc0,
        termOffset: 65536 - 512,
        termId: 77,
        reservedValue: 0n,
        payload: Buffer.alloc(0),
        ...id,
      },
    ],
    [{ type: 'nak', flags: 0, termId: 77, termOffset: 64, length: 128, ...id }],
    [
      {
        type: 'sm',
        flags: 0x80,
        consumptionTermId: 77,
        consumptionTermOffset: 0,
        receiverWindow: 0,
        receiverId: 1n,
        ...id,
      },
    ],
    [{ type: 'rttm', flags: 0, echoTimestamp: 5n, receptionDelta: 0n, receiverId: 3n, ...id }],
    [{ type: 'err', flags: 0, receiverId: 1n, groupTag: 0n, errorCode: 1, message: 'oops', ...id }],
    [{ type: 'rsp-setup', flags: 0, responseSessionId: 9, ...id }],
  ];
  const generated = frames.map((f) => encodeDatagram(f));
  const unknown = Buffer.alloc(64);
  unknown.writeInt32LE(40, 0);
  unknown.writeUInt16LE(0x07, 6);
  generated.push(Buffer.concat([unknown, generated[1]!]));
  for (let i = 0; i < 50; i++)
    generated.push(encodeDatagram([data(Math.floor(random() * 2000) * 32, Math.floor(random() * 1300))]));
  return [...base, ...generated];
}

const INTERESTING = [0, 1, -1, 31, 32, 33, 64, 0x7fffffff, -0x80000000, 65536, 65535, 1408, 0x10000000];

function mutate(source: Buffer, random: () => number, pool: Buffer[]): Buffer {
  const pick = (n: number) => Math.floor(random() * n);
  let b = Buffer.from(source);
  const rounds = 1 + pick(4);
  for (let r = 0; r < rounds; r++) {
    switch (pick(7)) {
      case 0: // flip bits
        for (let i = pick(8) + 1; i > 0 && b.length > 0; i--) b[pick(b.length)]! ^= 1 << pick(8);
        break;
      case 1: // an interesting int32 at an aligned field
        if (b.length >= 4) b.writeInt32LE(INTERESTING[pick(INTERESTING.length)]!, pick(b.length >> 2) << 2);
        break;
      case 2: // truncate
        b = b.subarray(0, pick(b.length + 1));
        break;
      case 3: // extend with random bytes
        b = Buffer.concat([b, Buffer.from(Array.from({ length: pick(96) }, () => pick(256)))]);
        break;
      case 4: // splice another datagram after this one
        b = Buffer.concat([b, pool[pick(pool.length)]!]);
        break;
      case 5: // a different type
        if (b.length >= 8)
          b.writeUInt16LE([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0xffff, pick(65536)][pick(14)]!, 6);
        break;
      default: // a random frameLength
        if (b.length >= 4) b.writeInt32LE(pick(3000) - 100, 0);
    }
  }
  return b;
}

function randomDatagram(random: () => number): Buffer {
  const b = Buffer.alloc(Math.floor(random() * 1500));
  for (let i = 0; i < b.length; i++) b[i] = Math.floor(random() * 256);
  if (b.length >= 8 && random() < 0.5) b[4] = 0; // often a valid version, so walking goes further
  return b;
}

function fuzzCase(random: () => number, pool: Buffer[]): Buffer {
  return random() < 0.3
    ? randomDatagram(random)
    : mutate(pool[Math.floor(random() * pool.length)]!, random, pool);
}

describe('fuzzing with random and mutated datagrams', () => {
  it('the decoder survives 100,000 of them, counting invalid and unknown frames, and never reads past a datagram', () => {
    const seed = testSeed();
    const random = seededRandom(seed);
    const pool = corpus(random);
    let invalid = 0;
    let unknown = 0;
    let frames = 0;
    try {
      for (let i = 0; i < 100_000; i++) {
        const datagram = fuzzCase(random, pool);
        const result = decodeFrames(datagram);
        invalid += result.invalid;
        unknown += result.unknown;
        frames += result.frames.length;
        for (const f of result.frames)
          if ((f.type === 'data' || f.type === 'pad') && f.payload.length > datagram.length)
            throw new Error('payload past the end');
      }
    } catch (error) {
      console.error(`seed ${seed} (replay with AERON_TEST_SEED=${seed})`);
      throw error;
    }
    expect(invalid).toBeGreaterThan(10_000);
    expect(unknown).toBeGreaterThan(1_000);
    expect(frames).toBeGreaterThan(20_000);
  });

  it('a receiver takes 100,000 of them between the datagrams of a real stream (fake clock), still delivering it exactly', () => {
    const seed = testSeed();
    const random = seededRandom(seed);
    const pool = corpus(random);
    const count = 20_000;
    const sizes = mixedSizes(count, 1408, seededRandom(seed + 1));
    let next = 0;
    let failure: Error | undefined;
    const link = SimulatedLink.create(
      { sessionId: LIVE_SESSION, streamId: STREAM },
      {
        maxImages: 16,
        maxTermLength: 1024 * 1024,
        imageLivenessTimeoutMs: 2000,
        onMessage: (m, image) => {
          if (image.sessionId !== LIVE_SESSION) return;
          try {
            checkMessage(m, next, sizes[next]!);
            next++;
          } catch (e) {
            failure ??= e as Error;
          }
        },
      },
    );
    const liveId = Buffer.alloc(4);
    liveId.writeInt32LE(LIVE_SESSION);
    const fuzzPeer = { address: '198.51.100.7', port: 50000 };
    const scratch = Buffer.alloc(4 * 1408);
    try {
      link.connect();
      let seq = 0;
      for (let sent = 0; sent < 100_000; sent++) {
        let datagram = fuzzCase(random, pool);
        // Forged frames of the live session would be indistinguishable from its own: leave them out.
        while (datagram.includes(liveId)) datagram = fuzzCase(random, pool);
        link.receiver.onDatagram(datagram, fuzzPeer, link.nowMs);
        link.receiver.outbox.take(); // answers to the fuzzing peer go nowhere
        if (sent % 5 === 0 && seq < count) {
          writeMessage(scratch, seq, sizes[seq]!);
          if (link.sender.offer(scratch, 0, sizes[seq]!) > 0n) seq++;
          link.flush();
        }
        if (sent % 100 === 0) link.advance(1);
      }
      while (seq < count) {
        writeMessage(scratch, seq, sizes[seq]!);
        if (link.sender.offer(scratch, 0, sizes[seq]!) > 0n) seq++;
        else link.advance(1);
        link.flush();
      }
      link.advance(100);
      expect(failure).toBeUndefined();
      expect(next).toBe(count);
      expect(link.receiver.counters.invalidFrames).toBeGreaterThan(1000);
      expect(link.receiver.counters.unknownFrames).toBeGreaterThan(100);
      expect(link.receiver.counters.imagesCreated).toBeGreaterThan(1); // decoy sessions got images too
    } catch (error) {
      console.error(`seed ${seed} (replay with AERON_TEST_SEED=${seed})`, link.receiver.counters);
      throw error;
    }
  });

  it('a sender takes 100,000 of them on its control path (fake clock) and its stream still arrives exactly', () => {
    const seed = testSeed();
    const random = seededRandom(seed);
    const pool = corpus(random);
    const count = 5_000;
    const sizes = mixedSizes(count, 1408, seededRandom(seed + 1));
    let next = 0;
    let failure: Error | undefined;
    const link = SimulatedLink.create(
      { sessionId: LIVE_SESSION, streamId: STREAM },
      {
        onMessage: (m) => {
          try {
            checkMessage(m, next, sizes[next]!);
            next++;
          } catch (e) {
            failure ??= e as Error;
          }
        },
      },
    );
    const liveId = Buffer.alloc(4);
    liveId.writeInt32LE(LIVE_SESSION);
    const scratch = Buffer.alloc(4 * 1408);
    try {
      link.connect();
      let seq = 0;
      for (let sent = 0; sent < 100_000; sent++) {
        let datagram = fuzzCase(random, pool);
        // Forged SMs and NAKs of the live session would be indistinguishable from its receiver's.
        while (datagram.includes(liveId)) datagram = fuzzCase(random, pool);
        link.sender.onDatagram(datagram, link.nowMs);
        link.sender.outbox.take(); // whatever it answers goes nowhere
        if (sent % 20 === 0 && seq < count) {
          writeMessage(scratch, seq, sizes[seq]!);
          if (link.sender.offer(scratch, 0, sizes[seq]!) > 0n) seq++;
          link.flush();
        }
        if (sent % 100 === 0) link.advance(1);
      }
      link.advance(100);
      expect(failure).toBeUndefined();
      expect(next).toBe(count);
      expect(link.sender.isConnected).toBe(true);
      expect(link.sender.counters.invalidFrames).toBeGreaterThan(1000);
    } catch (error) {
      console.error(`seed ${seed} (replay with AERON_TEST_SEED=${seed})`, link.sender.counters);
      throw error;
    }
  });

  it('a live subscription takes 5,000 of them through its socket while still delivering a real stream exactly', async () => {
    const seed = testSeed();
    const random = seededRandom(seed);
    const pool = corpus(random);
    const count = 5_000;
    const sizes = mixedSizes(count, 1408, seededRandom(seed + 1));
    let next = 0;
    let failure: Error | undefined;
    let liveSession = 0;
    const subscription = await Subscription.open('aeron:udp?endpoint=127.0.0.1:0', STREAM, {
      maxImages: 16,
      maxTermLength: 1024 * 1024,
      imageLivenessTimeoutMs: 2000,
      onMessage: (m, image) => {
        if (image.sessionId !== liveSession) return;
        try {
          checkMessage(m, next, sizes[next]!);
          next++;
        } catch (e) {
          failure ??= e as Error;
        }
      },
    });
    cleanup.push(() => subscription.close());
    const publication = await Publication.open(
      `aeron:udp?endpoint=127.0.0.1:${subscription.localPort}|term-length=64k`,
      STREAM,
      { lingerMs: 500 },
    );
    cleanup.push(() => publication.close());
    liveSession = publication.sessionId;
    const liveId = Buffer.alloc(4);
    liveId.writeInt32LE(liveSession);
    // A peer that sends fuzz through the socket and swallows whatever the receiver answers.
    const peer = dgram.createSocket('udp4');
    await new Promise<void>((r) => peer.bind(0, '127.0.0.1', r));
    cleanup.push(() => peer.close());
    try {
      expect(await publication.waitForConnection(3000)).toBe(true);
      const publishing = publishRange(publication, sizes, 0, count, performance.now() + 40_000);
      for (let sent = 0; sent < 5_000; ) {
        for (let i = 0; i < 50; i++, sent++) {
          let datagram = fuzzCase(random, pool);
          while (datagram.includes(liveId)) datagram = fuzzCase(random, pool);
          peer.send(datagram, subscription.localPort, '127.0.0.1');
        }
        await new Promise((r) => setTimeout(r, 1));
      }
      await publishing;
      await waitUntil(() => next === count || failure !== undefined, 10_000, 'the whole stream');
      expect(failure).toBeUndefined();
      expect(next).toBe(count);
      expect(subscription.counters.invalidFrames).toBeGreaterThan(50);
      expect(subscription.counters.datagramsReceived).toBeGreaterThan(1000);
    } catch (error) {
      console.error(`seed ${seed} (replay with AERON_TEST_SEED=${seed})`, subscription.counters);
      throw error;
    }
  }, 60_000);
});
