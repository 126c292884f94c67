import { describe, expect, it } from 'vitest';
import { ChannelUriError, parseChannelUri } from '../../src/aeron/index.ts';

describe('channel URI', () => {
  it('parses endpoint, term-length (with k/m/g), mtu and reliable, with Aeron defaults otherwise', () => {
    expect(parseChannelUri('aeron:udp?endpoint=127.0.0.1:40456')).toMatchObject({
      host: '127.0.0.1',
      port: 40456,
      termLength: 16 * 1024 * 1024,
      mtu: 1408,
      reliable: true,
    });
    expect(
      parseChannelUri('aeron:udp?endpoint=localhost:0|term-length=64k|mtu=8192|reliable=false|alias=x'),
    ).toMatchObject({
      host: 'localhost',
      port: 0,
      termLength: 65536,
      mtu: 8192,
      reliable: false,
      alias: 'x',
    });
    expect(parseChannelUri('aeron:udp?endpoint=10.0.0.1:1|term-length=1g').termLength).toBe(2 ** 30);
  });

  it('parses a starting position (init-term-id, term-id, term-offset), session-id and linger', () => {
    const uri = parseChannelUri(
      'aeron:udp?endpoint=127.0.0.1:9|init-term-id=-5|term-id=2147483647|term-offset=64|session-id=7|linger=200ms',
    );
    expect(uri).toMatchObject({
      initialTermId: -5,
      termId: 2147483647,
      termOffset: 64,
      sessionId: 7,
      lingerMs: 200,
    });
    expect(parseChannelUri('aeron:udp?endpoint=127.0.0.1:9|linger=5000000000').lingerMs).toBe(5000);
  });

  it("parses a subscription's receiver window and socket receive buffer, absent unless given", () => {
    expect(parseChannelUri('aeron:udp?endpoint=127.0.0.1:9|rcv-wnd=1m|so-rcvbuf=2m')).toMatchObject({
      receiverWindow: 1024 ** 2,
      socketRcvbuf: 2 * 1024 ** 2,
    });
    expect(parseChannelUri('aeron:udp?endpoint=127.0.0.1:9|rcv-wnd=512m').receiverWindow).toBe(2 ** 29);
    const plain = parseChannelUri('aeron:udp?endpoint=127.0.0.1:9');
    expect([plain.receiverWindow, plain.socketRcvbuf]).toEqual([undefined, undefined]);
  });

  const bad: [string, string][] = [
    ['udp?endpoint=1.2.3.4:5', 'scheme'],
    ['aeron:ipc', 'media'],
    ['aeron:tcp?endpoint=1.2.3.4:5', 'media'],
    ['aeron:udp', 'endpoint: missing'],
    ['aeron:udp?endpoint=1.2.3.4', 'endpoint: "1.2.3.4" is not host:port'],
    ['aeron:udp?endpoint=1.2.3.4:70000', 'endpoint: port 70000'],
    ['aeron:udp?endpoint=1.2.3.400:5', 'endpoint: "1.2.3.400" is not an IPv4 address'],
    ['aeron:udp?endpoint=[::1]:5', 'endpoint: IPv6'],
    ['aeron:udp?endpoint=1.2.3.4:5|term-length=100000', 'term-length: 100000 must be a power of two'],
    ['aeron:udp?endpoint=1.2.3.4:5|term-length=32k', 'term-length'],
    ['aeron:udp?endpoint=1.2.3.4:5|term-length=big', 'term-length: "big" is not a size'],
    ['aeron:udp?endpoint=1.2.3.4:5|mtu=1000', 'mtu: 1000 must be a multiple of 32'],
    ['aeron:udp?endpoint=1.2.3.4:5|mtu=65536', 'mtu'],
    [
      'aeron:udp?endpoint=1.2.3.4:5|term-length=64k|mtu=64000',
      'mtu: 64000 is more than half the term length',
    ],
    ['aeron:udp?endpoint=1.2.3.4:5|reliable=yes', 'reliable: "yes" must be true or false'],
    ['aeron:udp?endpoint=1.2.3.4:5|control=1.2.3.4:6', 'control: multi-destination'],
    ['aeron:udp?endpoint=1.2.3.4:5|ttl=4', 'ttl: unsupported parameter'],
    ['aeron:udp?endpoint=1.2.3.4:5|mtu=1408|mtu=1408', 'mtu: given twice'],
    ['aeron:udp?endpoint=1.2.3.4:5|garbage', 'garbage: expected key=value'],
    ['aeron:udp?endpoint=1.2.3.4:5|term-id=3', 'term-id: init-term-id, term-id and term-offset go together'],
    ['aeron:udp?endpoint=1.2.3.4:5|init-term-id=0|term-id=0|term-offset=33', 'term-offset: 33'],
    [
      'aeron:udp?endpoint=1.2.3.4:5|init-term-id=0|term-id=3000000000|term-offset=0',
      'term-id: 3000000000 is outside int32',
    ],
    ['aeron:udp?endpoint=1.2.3.4:5|linger=soon', 'linger'],
    ['aeron:udp?endpoint=1.2.3.4:5|rcv-wnd=16', 'rcv-wnd: 16 must be from 32 bytes to 512m'],
    ['aeron:udp?endpoint=1.2.3.4:5|rcv-wnd=1g', 'rcv-wnd: 1g must be from 32 bytes to 512m'],
    ['aeron:udp?endpoint=1.2.3.4:5|rcv-wnd=wide', 'rcv-wnd: "wide" is not a size'],
    ['aeron:udp?endpoint=1.2.3.4:5|so-rcvbuf=0', 'so-rcvbuf: 0 must be from 1 byte to 2g - 1'],
    ['aeron:udp?endpoint=1.2.3.4:5|so-rcvbuf=2g', 'so-rcvbuf: 2g must be from 1 byte'],
  ];
  it.each(bad)('rejects %s, naming the bad part (%s)', (text, part) => {
    let error: unknown;
    try {
      parseChannelUri(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ChannelUriError);
    expect((error as Error).message).toContain(`invalid channel URI "${text}": `);
    expect((error as Error).message).toContain(part);
  });
});
