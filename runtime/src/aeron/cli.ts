#!/usr/bin/env tsx
/**
 * steady-aeron: check connectivity with any Aeron peer, like Aeron's own samples.
 *
 *   npx tsx runtime/src/aeron/cli.ts publish 'aeron:udp?endpoint=127.0.0.1:40456' 1001 -n 10
 *   npx tsx runtime/src/aeron/cli.ts subscribe 'aeron:udp?endpoint=127.0.0.1:40456' 1001 --rate
 *   npx tsx runtime/src/aeron/cli.ts pong 'aeron:udp?endpoint=127.0.0.1:40123' 'aeron:udp?endpoint=127.0.0.1:40124'
 *   npx tsx runtime/src/aeron/cli.ts ping 'aeron:udp?endpoint=127.0.0.1:40123' 'aeron:udp?endpoint=127.0.0.1:40124'
 *
 * A bad argument prints one line and exits with code 2.
 */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { integerOption } from '../cli/command-line.ts';
import { SteadyError } from '../errors.ts';
import { systemClock } from './clock.ts';
import type { Image } from './image.ts';
import { BACK_PRESSURED, NOT_CONNECTED, Publication } from './publication.ts';
import { Subscription } from './subscription.ts';
import { ChannelUriError, parseChannelUri } from './uri.ts';

const int32 = integerOption(-(2 ** 31), 2 ** 31 - 1);

function channelArgument(value: string): string {
  try {
    parseChannelUri(value);
    return value;
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

/** A failure the command line reports in one line (no stack), then exits 1. */
class CliError extends SteadyError {
  constructor(message: string) {
    super('CliError', message);
  }
}

const write = (line: string) => process.stdout.write(`${line}\n`);

async function connect(publication: Publication, timeoutMs: number): Promise<void> {
  if (!(await publication.waitForConnection(timeoutMs)))
    throw new CliError(`no subscriber answered on ${publication.channel.text} within ${timeoutMs} ms`);
}

/** Offers one message, waiting while back-pressured; false if the connection went away. */
async function offerWaiting(
  publication: Publication,
  message: Uint8Array,
  length = message.length,
): Promise<boolean> {
  while (true) {
    const result = publication.offer(message, 0, length);
    if (result > 0n) return true;
    if (result !== BACK_PRESSURED && result !== NOT_CONNECTED) return false;
    if (result === NOT_CONNECTED && !(await publication.waitForConnection(5000))) return false;
    if (result === BACK_PRESSURED) await publication.waitForVacancy(1000);
  }
}

function printable(message: Buffer): string {
  const text = message.toString('latin1', 0, Math.min(message.length, 80));
  if (/^[\x20-\x7e]*$/.test(text)) return message.length > 80 ? `${text}…` : text;
  return `0x${message.subarray(0, 32).toString('hex')}${message.length > 32 ? '…' : ''}`;
}

interface PublishOptions {
  messages: number;
  length?: number;
  rate?: number;
  linger: number;
  connectTimeout: number;
}

async function publish(channel: string, streamId: number, o: PublishOptions): Promise<void> {
  const publication = await Publication.open(channel, streamId, { lingerMs: o.linger });
  try {
    await connect(publication, o.connectTimeout);
    write(
      `publishing ${o.messages} messages to ${channel} stream ${streamId} (session ${publication.sessionId})`,
    );
    const length = o.length ?? 0;
    const buffer = Buffer.alloc(Math.max(length, 64));
    const started = systemClock();
    let bytes = 0;
    for (let i = 0; i < o.messages; i++) {
      const text = `Hello World! ${i}`;
      const size = o.length ?? Buffer.byteLength(text);
      buffer.fill(0, 0, size);
      buffer.write(text, 0, Math.min(size, text.length), 'latin1');
      if (!(await offerWaiting(publication, buffer, size)))
        throw new CliError(`connection lost after ${i} messages`);
      bytes += size;
      if (o.rate !== undefined) {
        const due = started + ((i + 1) * 1000) / o.rate;
        const wait = due - systemClock();
        if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      }
    }
    const seconds = (systemClock() - started) / 1000;
    write(`sent ${o.messages} messages, ${bytes} bytes in ${seconds.toFixed(3)} s`);
  } finally {
    await publication.close();
  }
}

interface SubscribeOptions {
  messages?: number;
  rate?: boolean;
  timeout?: number;
}

async function subscribe(channel: string, streamId: number, o: SubscribeOptions): Promise<void> {
  let count = 0;
  let bytes = 0;
  let windowCount = 0;
  let windowBytes = 0;
  let done: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    done = resolve;
  });
  let ended = false;
  const subscription = await Subscription.open(channel, streamId, {
    onMessage: (message: Buffer, image: Image) => {
      if (o.messages !== undefined && count >= o.messages) return;
      count++;
      bytes += message.length;
      windowCount++;
      windowBytes += message.length;
      if (!o.rate)
        write(
          `message ${count} (session ${image.sessionId}, ${message.length} bytes): ${printable(message)}`,
        );
      if (o.messages !== undefined && count >= o.messages) done();
    },
    onAvailableImage: (image) =>
      write(`image available: session ${image.sessionId} from ${image.sourceAddress}:${image.sourcePort}`),
    onUnavailableImage: (image, reason) => {
      write(`image unavailable: session ${image.sessionId} (${reason})`);
      if (reason === 'end-of-stream' && subscription.activeImages.length === 0) {
        ended = true;
        done();
      }
    },
  });
  write(`subscribed to ${channel} stream ${streamId} (port ${subscription.localPort})`);
  const started = systemClock();
  const rateTimer = o.rate
    ? setInterval(() => {
        write(
          `rate: ${windowCount} msgs/s, ${(windowBytes / 1e6).toFixed(3)} MB/s (total ${count} messages)`,
        );
        windowCount = 0;
        windowBytes = 0;
      }, 1000)
    : undefined;
  const timeout =
    o.timeout !== undefined
      ? setTimeout(() => {
          done();
        }, o.timeout)
      : undefined;
  const stop = () => done();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await finished;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    if (rateTimer) clearInterval(rateTimer);
    if (timeout) clearTimeout(timeout);
    await subscription.close();
  }
  const seconds = (systemClock() - started) / 1000;
  write(
    `total: ${count} messages, ${bytes} bytes in ${seconds.toFixed(3)} s${ended ? ' (end of stream)' : ''}` +
      (o.rate ? `, ${(count / seconds).toFixed(0)} msgs/s, ${(bytes / seconds / 1e6).toFixed(3)} MB/s` : ''),
  );
  if (o.messages !== undefined && count < o.messages)
    throw new CliError(`received ${count} of ${o.messages} messages`);
}

interface PingOptions {
  pingStream: number;
  pongStream: number;
  messages: number;
  length: number;
  warmup: number;
  connectTimeout: number;
}

/** Percentile of sorted values. */
function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Sends pings on `pingChannel` and times each echo arriving on `pongChannel`; returns round trips in µs. */
export async function ping(pingChannel: string, pongChannel: string, o: PingOptions): Promise<Float64Array> {
  let resolvePong: () => void = () => {};
  const subscription = await Subscription.open(pongChannel, o.pongStream, { onMessage: () => resolvePong() });
  const publication = await Publication.open(pingChannel, o.pingStream, { lingerMs: 500 });
  try {
    await connect(publication, o.connectTimeout);
    const deadline = systemClock() + o.connectTimeout;
    while (!subscription.isConnected) {
      if (systemClock() > deadline) throw new CliError(`no pong publisher connected on ${pongChannel}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    const message = Buffer.alloc(Math.max(o.length, 8));
    const results = new Float64Array(o.messages);
    for (let i = -o.warmup; i < o.messages; i++) {
      const answered = new Promise<void>((resolve) => {
        resolvePong = resolve;
      });
      const started = process.hrtime.bigint();
      message.writeBigInt64LE(started, 0);
      if (!(await offerWaiting(publication, message, o.length))) throw new CliError('pong went away');
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        answered.then(() => false),
        new Promise<boolean>((r) => {
          timer = setTimeout(() => r(true), 2000);
        }),
      ]);
      clearTimeout(timer);
      if (timedOut) throw new CliError(`no pong for ping ${i + o.warmup}`);
      if (i >= 0) results[i] = Number(process.hrtime.bigint() - started) / 1000;
    }
    return results.sort();
  } finally {
    await publication.close();
    await subscription.close();
  }
}

/** Echoes every message from `pingChannel` back on `pongChannel` until interrupted or the pinger ends. */
async function pong(pingChannel: string, pongChannel: string, o: PingOptions): Promise<void> {
  const publication = await Publication.open(pongChannel, o.pongStream, { lingerMs: 500 });
  let echoed = 0;
  let done: () => void = () => {};
  const finished = new Promise<void>((r) => {
    done = r;
  });
  const subscription = await Subscription.open(pingChannel, o.pingStream, {
    onMessage: (message) => {
      // Echo at once; a refused offer (pinger gone) is dropped, the pinger times out.
      for (let tries = 0; tries < 1000 && publication.offer(message) === BACK_PRESSURED; tries++);
      echoed++;
    },
    onUnavailableImage: () => done(),
  });
  write(`pong: echoing ${pingChannel} stream ${o.pingStream} to ${pongChannel} stream ${o.pongStream}`);
  process.once('SIGINT', () => done());
  process.once('SIGTERM', () => done());
  await finished;
  write(`pong: echoed ${echoed} messages`);
  await subscription.close();
  await publication.close();
}

export function buildProgram(): Command {
  const program = new Command('steady-aeron')
    .description(
      'Publish, subscribe and measure round trips with any Aeron peer over UDP (no media driver needed).',
    )
    .showHelpAfterError(false);
  program
    .command('publish')
    .description('offer messages to a channel ("Hello World! N", or N padded to --length bytes)')
    .argument('<channel>', 'channel URI, e.g. aeron:udp?endpoint=127.0.0.1:40456', channelArgument)
    .argument('<streamId>', 'stream id (int32)', int32)
    .option('-n, --messages <count>', 'how many messages', integerOption(0), 10)
    .option('-l, --length <bytes>', 'message length in bytes', integerOption(1, 16 * 1024 * 1024))
    .option('-r, --rate <perSecond>', 'at most this many messages per second', integerOption(1))
    .option(
      '--linger <ms>',
      'wait this long at the end for the receiver to take everything',
      integerOption(0),
      5000,
    )
    .option(
      '--connect-timeout <ms>',
      'give up if no subscriber answers within this time',
      integerOption(1),
      5000,
    )
    .action((channel: string, streamId: number, o: PublishOptions) => publish(channel, streamId, o));
  program
    .command('subscribe')
    .description('print each message (or a rate line per second), until N messages or end of stream')
    .argument('<channel>', 'channel URI whose endpoint this process binds', channelArgument)
    .argument('<streamId>', 'stream id (int32)', int32)
    .option('-n, --messages <count>', 'exit after this many messages', integerOption(1))
    .option(
      '--rate',
      'print messages/s and MB/s each second and the totals at the end instead of each message',
    )
    .option('--timeout <ms>', 'exit after this long even without end of stream', integerOption(1))
    .action((channel: string, streamId: number, o: SubscribeOptions) => subscribe(channel, streamId, o));
  const pingPong = (cmd: Command) =>
    cmd
      .argument('<pingChannel>', "channel of the pong side's endpoint (pings travel here)", channelArgument)
      .argument('<pongChannel>', "channel of the ping side's endpoint (pongs travel here)", channelArgument)
      .option('--ping-stream <id>', 'stream id of pings', int32, 1002)
      .option('--pong-stream <id>', 'stream id of pongs', int32, 1003)
      .option('-n, --messages <count>', 'timed round trips', integerOption(1), 10_000)
      .option('-l, --length <bytes>', 'ping length (at least 8)', integerOption(8, 65536), 32)
      .option('--warmup <count>', 'untimed round trips first', integerOption(0), 1000)
      .option(
        '--connect-timeout <ms>',
        'give up if the other side does not answer within this time',
        integerOption(1),
        5000,
      );
  pingPong(
    program.command('ping').description('measure round trips against a pong: prints p50/p90/p99/max in µs'),
  ).action(async (pingChannel: string, pongChannel: string, o: PingOptions) => {
    const rtt = await ping(pingChannel, pongChannel, o);
    write(
      `round trip of ${o.length}-byte messages over ${rtt.length} pings: p50 ${percentile(rtt, 50).toFixed(1)} µs, ` +
        `p90 ${percentile(rtt, 90).toFixed(1)} µs, p99 ${percentile(rtt, 99).toFixed(1)} µs, max ${rtt[rtt.length - 1]!.toFixed(1)} µs`,
    );
  });
  pingPong(program.command('pong').description('echo pings back until the pinger closes')).action(
    (pingChannel: string, pongChannel: string, o: PingOptions) => pong(pingChannel, pongChannel, o),
  );
  return program;
}

/** Runs the CLI with user arguments; resolves to the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  program.exitOverride();
  for (const c of program.commands) c.exitOverride();
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      )
        return 0;
      return 2; // commander already printed the one-line message
    }
    // A channel this machine cannot open as given (a receiver window its socket cannot hold) is
    // a bad argument, as one that does not parse is.
    if (error instanceof ChannelUriError) {
      process.stderr.write(`error: ${error.message}\n`);
      return 2;
    }
    if (error instanceof CliError) {
      process.stderr.write(`error: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(`error: ${(error as Error).message}\n`);
    return 1;
  }
}

/** True when this file is the program being run (directly, or through the `steady-aeron` bin link). */
function isEntry(): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
}

if (isEntry()) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
