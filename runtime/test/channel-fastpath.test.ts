/**
 * The inlined numeric paths of trySend/tryTake (no codec call per message) must accept and
 * refuse exactly what the codecs accept and refuse; batches are published as before; and a
 * wait that gave up spinning is woken by the peer or by wake().
 */
import { describe, expect, it } from 'vitest';
import { CONSUMER_WAITING } from '../src/channel/ring.ts';
import { type Codec, codecs, GraphBuilder, Tx } from '../src/index.ts';
import { sendAll, takeAll } from '../src/testing/index.ts';

const graph = () => GraphBuilder.forTesting().build({});

function channel<T>(codec: Codec<T>, capacity = 64) {
  return graph().channelBuilder().withCodec(codec).withCapacity(capacity).build();
}

const integerCases: [keyof typeof codecs, number, number][] = [
  ['i32', -0x8000_0000, 0x7fff_ffff],
  ['u32', 0, 0xffff_ffff],
  ['i16', -0x8000, 0x7fff],
  ['u16', 0, 0xffff],
  ['i8', -0x80, 0x7f],
  ['u8', 0, 0xff],
];

describe('numeric fast paths', () => {
  it.each(integerCases)('%s carries its whole range and refuses everything else', (kind, min, max) => {
    const codec = codecs[kind] as Codec<number>;
    const [tx, rx] = channel(codec);
    sendAll(tx, [min, max, 0, -0, 1, min + 1, max - 1]);
    expect(takeAll(rx)).toEqual([min, max, 0, 0, 1, min + 1, max - 1]);
    const refused = [min - 1, max + 1, 0.5, -1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53];
    for (const bad of refused) {
      expect(() => tx.trySend(bad)).toThrow(`codec ${kind} cannot encode`);
    }
    expect(() => tx.trySend('7' as unknown as number)).toThrow(/cannot encode/);
    expect(() => tx.trySend(undefined as unknown as number)).toThrow(/cannot encode/);
    tx.publish();
    expect(rx.availUnits()).toBe(0); // nothing refused was sent
  });

  it('does not coerce a refused object (its valueOf is never called)', () => {
    const [tx] = channel(codecs.i32);
    let called = 0;
    const sneaky = {
      valueOf() {
        called++;
        return 3;
      },
    };
    expect(() => tx.trySend(sneaky as unknown as number)).toThrow(/cannot encode/);
    expect(called).toBe(0);
  });

  it('float slots carry any number (f64 exactly, f32 rounded) and refuse non-numbers', () => {
    const [tx, rx] = channel(codecs.f64);
    sendAll(tx, [0.1, -2.5, 2 ** 60, Number.POSITIVE_INFINITY]);
    tx.trySend(Number.NaN);
    tx.publish();
    const taken = takeAll(rx);
    expect(taken.slice(0, 4)).toEqual([0.1, -2.5, 2 ** 60, Number.POSITIVE_INFINITY]);
    expect(Number.isNaN(taken[4])).toBe(true);
    expect(() => tx.trySend('1' as unknown as number)).toThrow('codec f64 cannot encode');

    const [tx32, rx32] = channel(codecs.f32);
    sendAll(tx32, [0.1, 1.5]);
    expect(takeAll(rx32)).toEqual([Math.fround(0.1), 1.5]);
    expect(() => tx32.trySend(null as unknown as number)).toThrow('codec f32 cannot encode');
  });

  it('keeps every codec right when one thread uses many of them (polymorphic sites)', () => {
    const kinds = ['f64', 'f32', 'i32', 'u32', 'i16', 'u16', 'i8', 'u8'] as const;
    const pairs = kinds.map((kind) => channel(codecs[kind] as Codec<number>, 300));
    for (let round = 0; round < 20; round++) {
      for (const [tx] of pairs) for (let v = 0; v < 100; v++) expect(tx.trySend(v)).toBe('sent');
      for (const [tx] of pairs) tx.publish();
      for (const [, rx] of pairs) expect(takeAll(rx)).toEqual(Array.from({ length: 100 }, (_, v) => v));
    }
  });

  it('still sends tagged and record messages through their codecs', () => {
    const fizzBuzz = codecs.tagged({ Fizz: null, Value: 'number' });
    const [tx, rx] = channel(fizzBuzz);
    sendAll(tx, [{ kind: 'Value', value: 7 }, { kind: 'Fizz' }]);
    expect(takeAll(rx)).toEqual([{ kind: 'Value', value: 7 }, { kind: 'Fizz' }]);
    const [rtx, rrx] = channel(codecs.record(['a', 'b']));
    sendAll(rtx, [{ a: 1, b: 2 }]);
    expect(takeAll(rrx)).toEqual([{ a: 1, b: 2 }]);
  });

  it('reports blocked and closed on the fast path as before', () => {
    const [tx, rx] = channel(codecs.i32, 2);
    expect([tx.trySend(1), tx.trySend(2), tx.trySend(3)]).toEqual(['sent', 'sent', 'blocked']);
    tx.markClosed();
    expect(takeAll(rx)).toEqual([1, 2]);
    expect(tx.trySend(4)).toBe('closed');
  });
});

describe('publishing in batches', () => {
  it('publishes every 64 messages and the rest at the next microtask, on both ends', async () => {
    const [tx, rx] = channel(codecs.i32, 1000);
    for (let v = 0; v < 63; v++) tx.trySend(v);
    expect(rx.availUnits()).toBe(0);
    tx.trySend(63);
    expect(rx.availUnits()).toBe(64); // the 64th message published the batch
    tx.trySend(64);
    expect(rx.availUnits()).toBe(64);
    await Promise.resolve();
    expect(rx.availUnits()).toBe(65); // ... and the next one went out at the microtask

    for (let i = 0; i < 64; i++) rx.tryTake();
    expect(tx.vacantUnits()).toBe(1000 - 1); // head published with the 64th take
    rx.tryTake();
    expect(tx.vacantUnits()).toBe(1000 - 1);
    await Promise.resolve();
    expect(tx.vacantUnits()).toBe(1000);
  });

  it('notices a close at the start of each batch', () => {
    const [tx, rx] = channel(codecs.f64, 1000);
    for (let v = 0; v < 64; v++) expect(tx.trySend(v)).toBe('sent');
    new Tx(tx.descriptor).markClosed(); // another endpoint object over the same ring marks it closed
    expect(tx.trySend(64)).toBe('closed');
    expect(rx.takeAll()).toHaveLength(64);
  });
});

describe('waiting for the peer', () => {
  it('sleeps at once with no spin, and is woken by the publish', async () => {
    const [tx, rx] = channel(codecs.i32);
    let waitingFlagAtPublish = -1;
    setTimeout(() => {
      waitingFlagAtPublish = Atomics.load(rx.ring.control, CONSUMER_WAITING);
      tx.trySend(6);
      tx.publish();
    }, 5);
    await rx.waitForPeer(rx.seenPeerPosition(), 0);
    expect(waitingFlagAtPublish).toBe(1);
    expect(takeAll(rx)).toEqual([6]);
  });

  it('wakes a sleeping wait on wake() (shutdown) with nothing sent', async () => {
    const [, rx] = channel(codecs.i32);
    const sleeping = rx.waitForPeer(rx.seenPeerPosition(), 10);
    setTimeout(() => rx.wake(), 5);
    await sleeping;
    expect(rx.availUnits()).toBe(0);
  });

  it('returns at once when the channel closed after the caller looked (a close moves no position)', async () => {
    const [tx, rx] = channel(codecs.i32);
    expect(rx.isClosed()).toBe(false); // the caller's check...
    tx.markClosed(); // ...then the close, whose notify finds nobody asleep yet
    const outcome = await Promise.race([
      rx.waitForPeer(rx.seenPeerPosition(), 0).then(() => 'returned'),
      new Promise((resolve) => setTimeout(() => resolve('still asleep'), 200)),
    ]);
    expect(outcome).toBe('returned');
  });

  it('ends a sleep early through the wake handed to onSleep, and lowers the waiting flag', async () => {
    const [, rx] = channel(codecs.i32);
    let wake: (() => void) | undefined;
    const sleeping = rx.waitForPeer(rx.seenPeerPosition(), 0, (w) => {
      wake = w;
    });
    expect(Atomics.load(rx.ring.control, CONSUMER_WAITING)).toBe(1);
    wake?.();
    await sleeping;
    expect(Atomics.load(rx.ring.control, CONSUMER_WAITING)).toBe(0);
  });

  it('wakes every time when the peer answers only after the spin gave up', async () => {
    const [tx, rx] = channel(codecs.i32);
    for (let i = 0; i < 12; i++) {
      setTimeout(() => {
        tx.trySend(i);
        tx.publish();
      }, 2);
      while (rx.availUnits() === 0) await rx.waitForPeer(rx.seenPeerPosition(), 10);
      expect(takeAll(rx)).toEqual([i]);
    }
  });
});
