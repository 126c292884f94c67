/**
 * Channel URIs: `aeron:udp?endpoint=host:port|term-length=64k|mtu=1408|reliable=true`.
 * Every error names the part of the URI that is wrong.
 */
import { SteadyError } from '../errors.ts';
import { HEADER_LENGTH, isFrameAligned } from './data-header.ts';
import {
  FRAME_ALIGNMENT,
  isValidTermLength,
  MAX_RECEIVER_WINDOW,
  MAX_TERM_LENGTH,
  MIN_TERM_LENGTH,
} from './position.ts';

export const DEFAULT_TERM_LENGTH = 16 * 1024 * 1024;
export const DEFAULT_MTU = 1408;
export const MAX_UDP_MTU = 65504;

export interface ChannelUri {
  /** The URI as given. */
  readonly text: string;
  readonly host: string;
  readonly port: number;
  readonly termLength: number;
  readonly mtu: number;
  readonly reliable: boolean;
  /** Initial term id, active term id and term offset for a publication that starts at a given position. */
  readonly initialTermId?: number;
  readonly termId?: number;
  readonly termOffset?: number;
  readonly sessionId?: number;
  /** How long a closing publication waits for its receivers, in ms. */
  readonly lingerMs?: number;
  readonly alias?: string;
  /**
   * `rcv-wnd`: the window a subscription's receiver advertises, before the term's half caps it
   * (Aeron's default: 128 KiB).
   */
  readonly receiverWindow?: number;
  /** `so-rcvbuf`: the receive buffer asked of the socket, in bytes (the kernel may grant less). */
  readonly socketRcvbuf?: number;
}

export class ChannelUriError extends SteadyError {
  constructor(
    readonly uri: string,
    readonly part: string,
    detail: string,
  ) {
    super('ChannelUriError', `invalid channel URI "${uri}": ${part}: ${detail}`);
  }
}

const SUPPORTED = [
  'endpoint',
  'term-length',
  'mtu',
  'reliable',
  'init-term-id',
  'term-id',
  'term-offset',
  'session-id',
  'linger',
  'alias',
  'rcv-wnd',
  'so-rcvbuf',
];

/** Parses `64k`, `1m`, `1g` or plain bytes. */
function parseSize(uri: string, key: string, value: string): number {
  const m = /^(\d+)([kmg]?)$/i.exec(value);
  if (!m) throw new ChannelUriError(uri, key, `"${value}" is not a size (bytes, or with k/m/g)`);
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2]!.toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Number(m[1]) * unit;
}

function parseInt32(uri: string, key: string, value: string): number {
  if (!/^-?\d+$/.test(value)) throw new ChannelUriError(uri, key, `"${value}" is not an integer`);
  const n = Number(value);
  if (n < -(2 ** 31) || n > 2 ** 31 - 1) throw new ChannelUriError(uri, key, `${value} is outside int32`);
  return n;
}

/** Parses `5s`, `200ms`, `100us`, `1000000ns` (Aeron's units; plain numbers are ns) into ms. */
function parseDurationMs(uri: string, key: string, value: string): number {
  const m = /^(\d+)(ns|us|ms|s)?$/.exec(value);
  if (!m) throw new ChannelUriError(uri, key, `"${value}" is not a duration (e.g. 5s, 200ms, 1000000ns)`);
  const scale = { ns: 1e-6, us: 1e-3, ms: 1, s: 1000 }[(m[2] ?? 'ns') as 'ns' | 'us' | 'ms' | 's'];
  return Number(m[1]) * scale;
}

function parseEndpoint(uri: string, value: string): { host: string; port: number } {
  const m = /^([^:[\]]+):(\d+)$/.exec(value);
  if (!m) {
    if (value.startsWith('['))
      throw new ChannelUriError(uri, 'endpoint', `IPv6 endpoints ("${value}") are not supported`);
    throw new ChannelUriError(uri, 'endpoint', `"${value}" is not host:port`);
  }
  const port = Number(m[2]);
  if (port > 65535) throw new ChannelUriError(uri, 'endpoint', `port ${m[2]} is outside 0..65535`);
  const host = m[1]!;
  if (/^\d+(\.\d+)*$/.test(host) && !/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(host))
    throw new ChannelUriError(uri, 'endpoint', `"${host}" is not an IPv4 address`);
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host) && host.split('.').some((o) => Number(o) > 255))
    throw new ChannelUriError(uri, 'endpoint', `"${host}" is not an IPv4 address`);
  return { host, port };
}

/** Parses an Aeron UDP channel URI. Throws ChannelUriError naming the bad part. */
export function parseChannelUri(text: string): ChannelUri {
  const uri = text.trim();
  const q = uri.indexOf('?');
  const head = q < 0 ? uri : uri.slice(0, q);
  if (!head.startsWith('aeron:'))
    throw new ChannelUriError(text, 'scheme', `must start with "aeron:", got "${head || uri}"`);
  const media = head.slice('aeron:'.length);
  if (media === 'ipc')
    throw new ChannelUriError(text, 'media', '"ipc" needs a media driver\'s shared memory; use "udp"');
  if (media !== 'udp') throw new ChannelUriError(text, 'media', `"${media}" is not supported; use "udp"`);
  const params = new Map<string, string>();
  if (q >= 0) {
    for (const pair of uri.slice(q + 1).split('|')) {
      if (pair === '') continue;
      const eq = pair.indexOf('=');
      if (eq <= 0) throw new ChannelUriError(text, pair, 'expected key=value');
      const key = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (key === 'control' || key === 'control-mode')
        throw new ChannelUriError(text, key, 'multi-destination (control) channels are not supported');
      if (!SUPPORTED.includes(key))
        throw new ChannelUriError(text, key, `unsupported parameter (supported: ${SUPPORTED.join(', ')})`);
      if (params.has(key)) throw new ChannelUriError(text, key, 'given twice');
      params.set(key, value);
    }
  }
  const endpoint = params.get('endpoint');
  if (endpoint === undefined) throw new ChannelUriError(text, 'endpoint', 'missing (endpoint=host:port)');
  const { host, port } = parseEndpoint(text, endpoint);

  let termLength = DEFAULT_TERM_LENGTH;
  const tl = params.get('term-length');
  if (tl !== undefined) {
    termLength = parseSize(text, 'term-length', tl);
    if (!isValidTermLength(termLength))
      throw new ChannelUriError(
        text,
        'term-length',
        `${tl} must be a power of two between ${MIN_TERM_LENGTH} (64k) and ${MAX_TERM_LENGTH} (1g)`,
      );
  }
  let mtu = DEFAULT_MTU;
  const mtuText = params.get('mtu');
  if (mtuText !== undefined) {
    mtu = parseSize(text, 'mtu', mtuText);
    if (mtu <= HEADER_LENGTH || mtu > MAX_UDP_MTU || !isFrameAligned(mtu))
      throw new ChannelUriError(
        text,
        'mtu',
        `${mtuText} must be a multiple of ${FRAME_ALIGNMENT}, above ${HEADER_LENGTH} and at most ${MAX_UDP_MTU}`,
      );
  }
  if (mtu > termLength / 2)
    throw new ChannelUriError(text, 'mtu', `${mtu} is more than half the term length (${termLength})`);
  let reliable = true;
  const rel = params.get('reliable');
  if (rel !== undefined) {
    if (rel !== 'true' && rel !== 'false')
      throw new ChannelUriError(text, 'reliable', `"${rel}" must be true or false`);
    reliable = rel === 'true';
  }
  const result: {
    -readonly [K in keyof ChannelUri]: ChannelUri[K];
  } = { text, host, port, termLength, mtu, reliable };
  const positional = ['init-term-id', 'term-id', 'term-offset'].filter((k) => params.has(k));
  if (positional.length > 0 && positional.length < 3)
    throw new ChannelUriError(text, positional[0]!, 'init-term-id, term-id and term-offset go together');
  if (positional.length === 3) {
    result.initialTermId = parseInt32(text, 'init-term-id', params.get('init-term-id')!);
    result.termId = parseInt32(text, 'term-id', params.get('term-id')!);
    const offset = parseInt32(text, 'term-offset', params.get('term-offset')!);
    if (offset < 0 || offset >= termLength || !isFrameAligned(offset))
      throw new ChannelUriError(
        text,
        'term-offset',
        `${offset} must be a multiple of ${FRAME_ALIGNMENT} inside the term`,
      );
    result.termOffset = offset;
  }
  const sid = params.get('session-id');
  if (sid !== undefined) result.sessionId = parseInt32(text, 'session-id', sid);
  const linger = params.get('linger');
  if (linger !== undefined) result.lingerMs = parseDurationMs(text, 'linger', linger);
  const alias = params.get('alias');
  if (alias !== undefined) result.alias = alias;
  const window = params.get('rcv-wnd');
  if (window !== undefined) {
    result.receiverWindow = parseSize(text, 'rcv-wnd', window);
    if (result.receiverWindow < FRAME_ALIGNMENT || result.receiverWindow > MAX_RECEIVER_WINDOW)
      throw new ChannelUriError(
        text,
        'rcv-wnd',
        `${window} must be from ${FRAME_ALIGNMENT} bytes to ${MAX_RECEIVER_WINDOW / 1024 ** 2}m (half the largest term)`,
      );
  }
  const rcvbuf = params.get('so-rcvbuf');
  if (rcvbuf !== undefined) {
    result.socketRcvbuf = parseSize(text, 'so-rcvbuf', rcvbuf);
    if (result.socketRcvbuf < 1 || result.socketRcvbuf > 2 ** 31 - 1)
      throw new ChannelUriError(text, 'so-rcvbuf', `${rcvbuf} must be from 1 byte to 2g - 1`);
  }
  return result;
}
