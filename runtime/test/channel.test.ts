import { describe, expect, it } from 'vitest';
import { codecs, GraphBuilder } from '../src/index.ts';
import { assertTakeEquals, sendAll, takeAll } from '../src/testing/index.ts';

const graph = () => GraphBuilder.forTesting().build({});

describe('channel ring', () => {
  it('wraps around many times keeping order', () => {
    const [tx, rx] = graph().channelBuilder().withCapacity(5).build();
    const seen: number[] = [];
    let next = 0;
    for (let round = 0; round < 100; round++) {
      rx.publish();
      while (tx.trySend(next) === 'sent') next++;
      tx.publish(); // positions are published in batches and at every await; here, by hand
      for (let v = rx.tryTake(); v !== undefined; v = rx.tryTake()) seen.push(v);
    }
    expect(seen).toEqual(Array.from({ length: next }, (_, i) => i));
    expect(next).toBe(500);
  });

  it('reports full, empty and closed at the edges', () => {
    const [tx, rx] = graph().channelBuilder().withCapacity(3).build();
    expect(tx.isEmpty()).toBe(true);
    expect(rx.tryTake()).toBeUndefined();
    expect([tx.trySend(1), tx.trySend(2), tx.trySend(3)]).toEqual(['sent', 'sent', 'sent']);
    expect(tx.trySend(4)).toBe('blocked');
    tx.publish();
    expect(tx.isFull()).toBe(true);
    expect(tx.vacantUnits()).toBe(0);
    expect(rx.availUnits()).toBe(3);
    expect(tx.markClosed()).toBe(true);
    expect(tx.markClosed()).toBe(true);
    expect(rx.isClosedAndEmpty()).toBe(false);
    expect(rx.takeAll()).toEqual([1, 2, 3]);
    expect(rx.isClosedAndEmpty()).toBe(true);
    rx.publish();
    expect(tx.trySend(5)).toBe('closed');
  });

  it('publishes positions at the next await, not per message', async () => {
    const [tx, rx] = graph().channelBuilder().build();
    tx.trySend(1);
    expect(rx.availUnits()).toBe(0);
    await Promise.resolve();
    expect(rx.availUnits()).toBe(1);
  });

  it('counts sent and taken totals in the ring itself', () => {
    const [tx, rx] = graph().channelBuilder().withCapacity(8).build();
    sendAll(tx, [1, 2, 3, 4]);
    rx.tryTake();
    rx.publish();
    expect(tx.ring.sentCount()).toBe(4);
    expect(rx.ring.takenCount()).toBe(1);
    expect(rx.ring.inFlight()).toBe(3);
  });

  it('refuses a bad capacity and a value the codec cannot encode', () => {
    expect(() => graph().channelBuilder().withCapacity(0)).toThrow(/positive integer/);
    expect(() => graph().channelBuilder().withCapacity(2.5)).toThrow(/positive integer/);
    const [tx, rx] = graph().channelBuilder().withCodec(codecs.i32).build();
    expect(() => tx.trySend(2 ** 40)).toThrow(/cannot encode/);
    expect(() => tx.trySend(1.5)).toThrow(/cannot encode/);
    expect(rx.availUnits()).toBe(0);
  });

  it('packs a tagged message into fixed slots', () => {
    const fizzBuzz = codecs.tagged({ FizzBuzz: null, Fizz: null, Buzz: null, Value: 'number' });
    const [tx, rx] = graph().channelBuilder().withCodec(fizzBuzz).build();
    sendAll(tx, [{ kind: 'Fizz' }, { kind: 'Value', value: 7 }, { kind: 'FizzBuzz' }]);
    assertTakeEquals(rx, [{ kind: 'Fizz' }, { kind: 'Value', value: 7 }, { kind: 'FizzBuzz' }]);
    expect(() => tx.trySend({ kind: 'Nope' } as never)).toThrow(/cannot encode/);
  });

  it('gives zero-copy views of the ring, split at the wrap', () => {
    const [tx, rx] = graph().channelBuilder().withCodec(codecs.i32).withCapacity(8).build();
    sendAll(tx, [0, 1, 2, 3, 4, 5]);
    expect(takeAll(rx)).toEqual([0, 1, 2, 3, 4, 5]);
    const [a, b] = tx.pokeSlice();
    expect([a.length, b.length]).toEqual([2, 6]);
    a.set([10, 11]);
    b.set([12, 13, 14]);
    expect(tx.advanceSendIndex(5)).toBe(5);
    expect(tx.advanceSendIndex(100)).toBe(3); // clamped to the room left
    const [c, d] = rx.peekSlice();
    expect([...c, ...d].slice(0, 5)).toEqual([10, 11, 12, 13, 14]);
    expect(rx.advanceTakeIndex(3)).toBe(3);
    const target = new Int32Array(16);
    expect(rx.takeSlice(target)).toBe(5);
    expect([...target.subarray(0, 2)]).toEqual([13, 14]);
    expect(tx.sendSlice(new Int32Array([7, 8, 9]))).toBe(3);
    expect(takeAll(rx)).toEqual([7, 8, 9]);
  });

  it('counts peeks of the same head message for showstopper detection', () => {
    const [tx, rx] = graph().channelBuilder().build();
    sendAll(tx, [41, 42]);
    expect(rx.tryPeek()).toBe(41);
    expect(rx.isShowstopper(2)).toBe(false);
    rx.tryPeek();
    expect(rx.isShowstopper(2)).toBe(true);
    rx.tryTake();
    expect(rx.tryPeek()).toBe(42);
    expect(rx.isShowstopper(2)).toBe(false);
  });
});

describe('the sending end of an exactly-once actor (transactional)', () => {
  it('shows its close only at the commit, after the sends before it', () => {
    const [tx, rx] = graph().channelBuilder().build();
    tx.transactional = true;
    expect(tx.trySend(1)).toBe('sent');
    tx.markClosed();
    tx.publish(); // what an await does: nothing, for a transactional end
    // Closed and empty here would tell the receiver to stop, and the uncommitted 1 would be lost.
    expect(rx.isClosedAndEmpty()).toBe(false);
    expect(rx.isClosed()).toBe(false);
    expect(tx.isClosed()).toBe(true); // the actor itself sees what it did
    tx.commitPublish();
    expect(takeAll(rx)).toEqual([1]);
    expect(rx.isClosedAndEmpty()).toBe(true);
  });

  it('rolls a close back with the sends of the same transaction', () => {
    const [tx, rx] = graph().channelBuilder().build();
    tx.transactional = true;
    tx.trySend(1);
    tx.markClosed();
    tx.resync(); // the rollback of a failed life
    expect(tx.isClosed()).toBe(false);
    tx.commitPublish();
    expect(takeAll(rx)).toEqual([]);
    expect(rx.isClosed()).toBe(false);
  });
});
