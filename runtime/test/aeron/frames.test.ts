import { describe, expect, it } from 'vitest';
import {
  DataFlags,
  type DataFrame,
  decodeFrames,
  encodeDatagram,
  encodeFrame,
  type Frame,
  HEADER_LENGTH,
  StatusFlags,
} from '../../src/aeron/index.ts';
import {
  C_PUBLISHER_TO_C_SUBSCRIBER,
  GAP_NAK_RETRANSMIT,
  MIXED_PEERS_C_SESSION,
} from './fixtures/captures.ts';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

/** The vectors of AERON.md, as seen on the wire between real Aeron C peers. */
const SETUP = hex(
  '28000000 00000500 00000000 4ee8dc3c e9030000 c9534864 c9534864 00000001 80050000 00000000',
);
const SM = hex('24000000 00000300 4ee8dc3c e9030000 c9534864 00000000 00000200 a91d102a ae674efe');
const DATA = hex(
  `2e000000 00c00100 00000000 4ee8dc3c e9030000 c9534864 00000000 00000000 ${Buffer.from('Hello World! 1').toString('hex')} 0000`,
);
const NAK = hex('1c000000 00000200 64288a29 e9030000 8e72496b 80000000 40000000');
const EOS_HEARTBEAT = hex('00000000 00e00100 40010000 64288a29 e9030000 8e72496b 00000000 00000000');
const EOS_SM = hex('24000000 00400300 02adf0a1 e9030000 fcf88d5e 40010000 00000200 b3aa82f6 bfeb0000');

function only(datagram: Buffer): Frame {
  const { frames, invalid, unknown } = decodeFrames(datagram);
  expect({ invalid, unknown, count: frames.length }).toEqual({ invalid: 0, unknown: 0, count: 1 });
  return frames[0]!;
}

describe('frame codec against captured Aeron C 1.48 vectors', () => {
  it('decodes SETUP (16 MiB terms, mtu 1408) and encodes the same 40 bytes', () => {
    const frame = only(SETUP);
    expect(frame).toEqual({
      type: 'setup',
      flags: 0,
      termOffset: 0,
      sessionId: 0x3cdce84e,
      streamId: 1001,
      initialTermId: 0x644853c9,
      activeTermId: 0x644853c9,
      termLength: 16 * 1024 * 1024,
      mtu: 1408,
      ttl: 0,
    });
    expect(encodeFrame(frame).equals(SETUP)).toBe(true);
  });

  it('decodes the SM answering it (window 128 KiB, int64 receiver id) and encodes the same 36 bytes', () => {
    const frame = only(SM);
    expect(frame).toMatchObject({
      type: 'sm',
      flags: 0,
      sessionId: 0x3cdce84e,
      streamId: 1001,
      consumptionTermId: 0x644853c9,
      consumptionTermOffset: 0,
      receiverWindow: 131072,
      receiverId: BigInt.asIntN(64, 0xfe4e67ae2a101da9n),
    });
    expect(encodeFrame(frame).equals(SM)).toBe(true);
  });

  it('decodes DATA "Hello World! 1" with its unaligned frameLength 46 and re-encodes the 64-byte datagram', () => {
    const frame = only(DATA) as DataFrame;
    expect(frame.type).toBe('data');
    expect(frame.frameLength).toBe(46);
    expect(frame.flags).toBe(DataFlags.UNFRAGMENTED);
    expect(Buffer.from(frame.payload).toString()).toBe('Hello World! 1');
    const encoded = encodeFrame(frame);
    expect(encoded.length).toBe(64);
    expect(encoded.equals(Buffer.concat([DATA, Buffer.alloc(64 - DATA.length)]))).toBe(true);
  });

  it('decodes the NAK for a 64-byte gap at offset 128 and encodes the same 28 bytes', () => {
    const frame = only(NAK);
    expect(frame).toEqual({
      type: 'nak',
      flags: 0,
      sessionId: 0x298a2864,
      streamId: 1001,
      termId: 0x6b49728e,
      termOffset: 128,
      length: 64,
    });
    expect(encodeFrame(frame).equals(NAK)).toBe(true);
  });

  it('decodes the EOS heartbeat (frameLength 0, flags 0xE0) and the EOS SM, and encodes both', () => {
    const heartbeat = only(EOS_HEARTBEAT) as DataFrame;
    expect(heartbeat).toMatchObject({ type: 'data', frameLength: 0, flags: 0xe0, termOffset: 320 });
    expect(heartbeat.payload.length).toBe(0);
    expect(encodeFrame(heartbeat).equals(EOS_HEARTBEAT)).toBe(true);
    const sm = only(EOS_SM);
    expect(sm).toMatchObject({ type: 'sm', flags: StatusFlags.EOS, consumptionTermOffset: 320 });
    expect(encodeFrame(sm).equals(EOS_SM)).toBe(true);
  });

  it('decodes every datagram of three captures without an invalid or unknown frame, and re-encodes each byte for byte', () => {
    let count = 0;
    for (const [, text] of [
      ...C_PUBLISHER_TO_C_SUBSCRIBER,
      ...GAP_NAK_RETRANSMIT,
      ...MIXED_PEERS_C_SESSION,
    ]) {
      const datagram = hex(text);
      const { frames, invalid, unknown } = decodeFrames(datagram);
      expect({ invalid, unknown }).toEqual({ invalid: 0, unknown: 0 });
      expect(frames.length).toBeGreaterThan(0);
      const encoded = encodeDatagram(frames);
      expect(encoded.toString('hex')).toBe(datagram.subarray(0, encoded.length).toString('hex'));
      // Whatever follows the last frame is alignment padding.
      expect(datagram.subarray(encoded.length).every((b) => b === 0)).toBe(true);
      count++;
    }
    expect(count).toBe(93 + 32 + 111);
  });
});

describe('frame codec', () => {
  const data = (termOffset: number, text: string, flags: number = DataFlags.UNFRAGMENTED): DataFrame => ({
    type: 'data',
    frameLength: HEADER_LENGTH + text.length,
    flags,
    termOffset,
    sessionId: -7,
    streamId: 10,
    termId: -2147483648,
    reservedValue: -1n,
    payload: Buffer.from(text),
  });

  it('walks several frames in one datagram, each on a 32-byte boundary, and keeps payloads free of padding', () => {
    const frames = [
      data(0, 'a'),
      data(64, 'bb', DataFlags.BEGIN),
      data(128, 'ccc', DataFlags.END),
      data(192, 'x'.repeat(33)),
    ];
    const datagram = encodeDatagram(frames);
    expect(datagram.length).toBe(64 + 64 + 64 + 96); // the datagram is padded to 32 too
    const decoded = decodeFrames(datagram);
    expect(decoded.invalid).toBe(0);
    expect(decoded.frames.map((f) => Buffer.from((f as DataFrame).payload).toString())).toEqual([
      'a',
      'bb',
      'ccc',
      'x'.repeat(33),
    ]);
    expect(decoded.frames.map((f) => (f as DataFrame).flags)).toEqual([0xc0, 0x80, 0x40, 0xc0]);
  });

  it('sends PAD as a header only, with frameLength the whole padding, and walks past it', () => {
    const pad: DataFrame = {
      ...data(65536 - 320, ''),
      type: 'pad',
      frameLength: 320,
      payload: Buffer.alloc(0),
    };
    const encoded = encodeFrame(pad);
    expect(encoded.length).toBe(32);
    expect(encoded.readInt32LE(0)).toBe(320);
    expect(encoded.readUInt16LE(6)).toBe(0);
    const decoded = decodeFrames(Buffer.concat([encodeFrame(data(0, 'before')), encoded]));
    expect(decoded.frames.map((f) => f.type)).toEqual(['data', 'pad']);
    expect((decoded.frames[1] as DataFrame).frameLength).toBe(320);
  });

  it('round-trips ERR (40 + text), RTTM (40 bytes), SM with group tag (44) and RSP_SETUP (20)', () => {
    const frames: Frame[] = [
      {
        type: 'err',
        flags: 0,
        sessionId: 1,
        streamId: 2,
        receiverId: -3n,
        groupTag: 4n,
        errorCode: 5,
        message: 'no space',
      },
      {
        type: 'rttm',
        flags: 0x80,
        sessionId: 1,
        streamId: 2,
        echoTimestamp: 2n ** 62n,
        receptionDelta: -9n,
        receiverId: 7n,
      },
      {
        type: 'sm',
        flags: 0,
        sessionId: 1,
        streamId: 2,
        consumptionTermId: -1,
        consumptionTermOffset: 96,
        receiverWindow: 65536,
        receiverId: 11n,
        groupTag: -12n,
      },
      { type: 'rsp-setup', flags: 0, sessionId: 1, streamId: 2, responseSessionId: 99 },
    ];
    for (const frame of frames) {
      const encoded = encodeFrame(frame);
      expect(encoded.length).toBe({ err: 48, rttm: 40, sm: 44, 'rsp-setup': 20 }[frame.type as 'err']);
      expect(only(encoded)).toEqual(frame);
    }
  });

  it('counts and skips unknown types (resolution, security, extension) and keeps the frames after them', () => {
    const unknown = (code: number) => {
      const b = Buffer.alloc(32);
      b.writeInt32LE(24, 0);
      b.writeUInt16LE(code, 6);
      return b;
    };
    const datagram = Buffer.concat([
      unknown(0x07),
      unknown(0x09),
      unknown(0xffff),
      encodeFrame(data(0, 'after')),
    ]);
    const decoded = decodeFrames(datagram);
    expect(decoded.unknown).toBe(3);
    expect(decoded.invalid).toBe(0);
    expect(decoded.frames.map((f) => f.type)).toEqual(['data']);
  });

  it('counts malformed frames as invalid: wrong version, negative or short length, running past the datagram', () => {
    const cases: Buffer[] = [];
    const versioned = Buffer.from(SETUP);
    versioned[4] = 1;
    cases.push(versioned);
    const negative = Buffer.from(SM);
    negative.writeInt32LE(-36, 0);
    cases.push(negative);
    const short = Buffer.from(SM);
    short.writeInt32LE(20, 0);
    cases.push(short);
    cases.push(DATA.subarray(0, 40)); // frameLength 46 but only 40 bytes
    cases.push(SETUP.subarray(0, 24));
    for (const c of cases) {
      const decoded = decodeFrames(c);
      expect(decoded.invalid, c.toString('hex')).toBe(1);
      expect(decoded.frames).toEqual([]);
    }
  });
});
