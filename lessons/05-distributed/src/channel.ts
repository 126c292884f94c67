/**
 * What both pods agree on besides the wire format: the Aeron channel between them and the size
 * of each stream's payload ring.
 */
import { aeronChannel } from '@steady/runtime';
import type { MainArgs } from './args.ts';

/** Bytes of payload ring per stream: 64 messages of 64 KiB. */
export const STREAM_PAYLOAD_BYTES = 1 << 22;
/** Term length of the Aeron channel (the original's 64 MiB). A term must hold the bytes in flight. */
export const TERM_LENGTH = 1 << 26;

/** The Aeron UDP channel to the subscriber at `--ip`:`--port`, with the MTU of `--mtu`. */
export function channelUri(args: MainArgs, termLength = TERM_LENGTH): string {
  return aeronChannel().udp(args.ip, args.port).termLength(termLength).mtu(args.mtu).build();
}
