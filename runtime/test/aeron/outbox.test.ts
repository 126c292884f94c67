/** The queue between a sans-IO core and its socket: order, destinations, copies, and no datagram sent twice. */
import { describe, expect, it } from 'vitest';
import { Outbox } from '../../src/aeron/index.ts';

describe('Outbox', () => {
  it('hands datagrams over in order, as views with their destinations, and empties itself', () => {
    const outbox = new Outbox();
    const term = Buffer.from('abcdefgh');
    const peer = { address: '192.0.2.9', port: 9 };
    outbox.push(term, 2, 3);
    outbox.push(term, 0, 1, peer);
    expect(outbox.length).toBe(2);
    const seen: string[] = [];
    expect(
      outbox.drain((buf, offset, length, to) =>
        seen.push(`${buf.toString('utf8', offset, offset + length)}→${to?.port ?? 'endpoint'}`),
      ),
    ).toBe(2);
    expect(seen).toEqual(['cde→endpoint', 'a→9']);
    expect(outbox.length).toBe(0);
    expect(outbox.drain(() => seen.push('again'))).toBe(0);
  });

  it('take() copies the bytes, so later writes to the term do not change what a test saw', () => {
    const outbox = new Outbox();
    const term = Buffer.from('xyz');
    outbox.push(term, 0, 3);
    const [sent] = outbox.take();
    term.write('---');
    expect(sent!.bytes.toString()).toBe('xyz');
  });

  it('a send that throws does not leave the queue to be sent again', () => {
    const outbox = new Outbox();
    outbox.push(Buffer.from('a'), 0, 1);
    outbox.push(Buffer.from('b'), 0, 1);
    expect(() =>
      outbox.drain(() => {
        throw new Error('socket closed');
      }),
    ).toThrow('socket closed');
    expect(outbox.length).toBe(0);
  });
});
