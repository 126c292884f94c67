/**
 * What an aqueduct runs over, as plain data (it travels to the aqueduct's thread):
 * Aeron over UDP, given a channel URI and the stream id of lane 0.
 */
// The URI parser only: the transport itself is loaded when the aqueduct runs (egress.ts).
import { parseChannelUri } from '../aeron/uri.ts';

export interface AeronTech {
  readonly kind: 'aeron';
  /** An Aeron channel URI, e.g. `aeron:udp?endpoint=127.0.0.1:40456|term-length=67108864`. */
  readonly channel: string;
  /** Lane i travels as Aeron stream `streamIdBase + i`. */
  readonly streamIdBase: number;
}

export type AqueTech = AeronTech;

/** Aqueduct over Aeron: lane i ↔ stream `streamIdBase + i` of `channel`. */
export function aeron(channel: string, streamIdBase: number): AeronTech {
  parseChannelUri(channel); // a bad URI is refused here, with the part named, not later on a thread
  if (!Number.isInteger(streamIdBase) || streamIdBase < 0 || streamIdBase > 2 ** 31 - 1024) {
    throw new RangeError(`stream id base must be an integer from 0, got ${String(streamIdBase)}`);
  }
  return { kind: 'aeron', channel, streamIdBase };
}

/** Builds an Aeron UDP channel URI: `aeronChannel().udp('127.0.0.1', 40456).termLength(1 << 26).build()`. */
export class AeronChannelBuilder {
  private readonly params = new Map<string, string>();
  private endpointText: string | undefined;

  /** Point to point: the subscriber binds `host:port`, the publisher sends to it. */
  udp(host: string, port: number): this {
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new RangeError(`port must be 0..65535, got ${port}`);
    this.endpointText = `${host.includes(':') ? `[${host}]` : host}:${port}`;
    return this;
  }

  /** Term length in bytes: a power of two from 64 KiB to 1 GiB. Larger terms allow larger messages and windows. */
  termLength(bytes: number): this {
    this.params.set('term-length', String(bytes));
    return this;
  }

  mtu(bytes: number): this {
    this.params.set('mtu', String(bytes));
    return this;
  }

  /** Reliable (the default): gaps are repaired by NAK and retransmission. */
  reliable(on = true): this {
    this.params.set('reliable', String(on));
    return this;
  }

  build(): string {
    if (!this.endpointText) throw new Error('an Aeron UDP channel needs an endpoint: call udp(host, port)');
    const extra = [...this.params].map(([k, v]) => `|${k}=${v}`).join('');
    const uri = `aeron:udp?endpoint=${this.endpointText}${extra}`;
    parseChannelUri(uri);
    return uri;
  }
}

export const aeronChannel = () => new AeronChannelBuilder();
