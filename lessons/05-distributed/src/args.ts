/** The command line of both pods. Only UDP exists: Aeron IPC needs a media driver, which this runtime does not have. */
import { Command, InvalidArgumentError, integerOption, parseCommandLine } from '@steady/runtime';

export interface MainArgs {
  /** Milliseconds between heartbeats (the original says "20 µs"; Node timers count milliseconds). */
  readonly rate: number;
  /** Heartbeats before the heartbeat stops; the generator sends beats × values. */
  readonly beats: number;
  /** Values the generator produces per beat. */
  readonly values: number;
  /** The subscriber's IP address (both pods use it). */
  readonly ip: string;
  /** The subscriber's UDP port. */
  readonly port: number;
  /** Telemetry server port (5551 publish, 5552 subscribe; 0 picks a free one). */
  readonly telemetry: number;
  /** Largest datagram the publisher sends (Aeron's MTU); by default it depends on `ip`, see `defaultMtu`. */
  readonly mtu: number;
}

/** Aeron's default MTU: a datagram that crosses an Ethernet network without IP fragmentation. */
export const NETWORK_MTU = 1408;
/** The largest Aeron MTU: on loopback a 64 KiB datagram is never fragmented, so each 8188-value group is one datagram. */
export const LOOPBACK_MTU = 65504;

/** The MTU to use when none is given: the largest on loopback, Aeron's default across a network. */
export function defaultMtu(ip: string): number {
  return ip.startsWith('127.') ? LOOPBACK_MTU : NETWORK_MTU;
}

export const DEFAULT_ARGS: MainArgs = {
  rate: 20,
  beats: 100,
  values: 1_000_000,
  ip: '127.0.0.1',
  port: 40456,
  telemetry: 5551,
  mtu: LOOPBACK_MTU,
};

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function ipOption(value: string): string {
  if (!IPV4.test(value))
    throw new InvalidArgumentError(`must be an IPv4 address such as 127.0.0.1, got '${value}'`);
  return value;
}

function mtuOption(value: string): number {
  const mtu = integerOption(64, LOOPBACK_MTU)(value);
  if (mtu % 32 !== 0)
    throw new InvalidArgumentError(`must be a multiple of 32 (Aeron's frame alignment), got ${mtu}`);
  return mtu;
}

export function commandLine(name: string, description: string, telemetry = DEFAULT_ARGS.telemetry): Command {
  return new Command(name)
    .description(
      `${description}\nTransport: Aeron over UDP only (Aeron IPC needs a media driver, which this course does not ship).`,
    )
    .option(
      '-r, --rate <ms>',
      'milliseconds between heartbeats',
      integerOption(1, 3_600_000),
      DEFAULT_ARGS.rate,
    )
    .option(
      '-b, --beats <n>',
      'heartbeats before shutdown (10000 for the full run)',
      integerOption(1),
      DEFAULT_ARGS.beats,
    )
    .option(
      '-v, --values <n>',
      'values generated per beat',
      integerOption(1, 100_000_000),
      DEFAULT_ARGS.values,
    )
    .option('--ip <address>', "the subscriber's IPv4 address (both pods)", ipOption, DEFAULT_ARGS.ip)
    .option(
      '-p, --port <n>',
      "the subscriber's UDP port (both pods)",
      integerOption(1, 65535),
      DEFAULT_ARGS.port,
    )
    .option(
      '--telemetry <port>',
      'telemetry server port (0: any free port)',
      integerOption(0, 65535),
      telemetry,
    )
    .option(
      '--mtu <bytes>',
      `largest datagram, a multiple of 32 up to ${LOOPBACK_MTU} (default: ${LOOPBACK_MTU} on loopback, ${NETWORK_MTU} otherwise)`,
      mtuOption,
    );
}

/** Parses user arguments; throws UsageError (exit code 0 for --help, 2 for a bad value). */
export function parseArgs(
  argv: readonly string[],
  name = 'publish',
  description = 'The publishing pod: heartbeat and generator, serialized, sent over Aeron UDP.',
  telemetry = DEFAULT_ARGS.telemetry,
): MainArgs {
  const args = parseCommandLine<Omit<MainArgs, 'mtu'> & { mtu?: number }>(
    commandLine(name, description, telemetry),
    argv,
  );
  return { ...args, mtu: args.mtu ?? defaultMtu(args.ip) }; //#!#// big datagrams where nothing fragments them
}
