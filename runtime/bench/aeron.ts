/**
 * Aeron transport over loopback, one publisher process → one subscriber process.
 *
 * - Throughput (messages/s, MB/s) for 32 B, 1 KiB and 64 KiB messages at the default MTU (1408)
 *   and a jumbo MTU (8 KiB, fine on loopback). "sustained" is the rate once the stream runs (the
 *   first 0.5 s of data left out); "with start-up" counts from the publisher process's spawn
 *   (module loading, connecting) to the last message. The CPU time each process spends per
 *   message tells what a side would reach on a core of its own, whatever else the machine runs.
 * - Round trips: a ping process and a pong process, 32 B messages, percentiles in µs, with both
 *   processes sleeping in their event loops between datagrams, then both busy-spinning as Aeron's
 *   Ping sample does (aeron/round-trips.ts).
 * - Beside each, the platform's floor: the same process layout and the same bytes on the wire with
 *   bare `node:dgram` and no protocol (aeron/bare-dgram.ts), 1 KiB at MTU 1408 and the ping-pong.
 * - For the 1 KiB / MTU 1408 row, the protocol's own work per message without a socket
 *   (aeron/core-cost.ts), set beside the CPU each process spent per message.
 * - With AERON_BIN_DIR pointing at an Aeron C build (aeronmd, streaming_publisher,
 *   rate_subscriber), the same 1 KiB / MTU 1408 transfer from C to C through its media driver.
 *
 *   npx tsx runtime/bench/aeron.ts            # about a minute
 *   npx tsx runtime/bench/aeron.ts --smoke    # a few thousand messages, a few seconds: checks the bench runs
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BACK_PRESSURED, NOT_CONNECTED, Publication, Subscription } from '../src/aeron/index.ts';
import {
  type BenchOptions,
  benchCommand,
  formatTable,
  parseBenchOptions,
  runIfEntryPoint,
} from '../src/bench/index.ts';
import { freeUdpPort } from '../src/testing/ports.ts';
import { barePingPong, bareThroughput } from './aeron/bare-dgram.ts';
import { type CoreCost, coreCostPerMessage } from './aeron/core-cost.ts';
import {
  bothExited,
  child,
  lastJson,
  type Role,
  roleOr,
  tsChild,
  until,
  watchdog,
} from './aeron/processes.ts';
import {
  followPing,
  IDLE_STRATEGIES,
  PingGame,
  type RoundTrips,
  type RoundTripsByIdle,
} from './aeron/round-trips.ts';
import { ReceiveCounter, type ReceiverTotals, type SenderTotals, sustainedMBps } from './aeron/totals.ts';

const SELF = fileURLToPath(import.meta.url);

interface Row {
  transport: string;
  length: number;
  mtu: number;
  totals: ReceiverTotals;
  publisher: SenderTotals;
  spawnEpochMs: number;
}

/** Subscriber role: counts everything until end of stream, prints totals as JSON. */
async function subscriberRole(port: number): Promise<void> {
  const counter = new ReceiveCounter();
  let done: () => void = () => {};
  const ended = new Promise<void>((r) => {
    done = r;
  });
  const subscription = await Subscription.open(`aeron:udp?endpoint=127.0.0.1:${port}`, 1001, {
    onMessage: (m) => counter.count(m.length),
    onUnavailableImage: () => done(),
  });
  process.stdout.write('ready\n');
  await ended;
  const totals = counter.finish();
  await subscription.close();
  process.stdout.write(`${JSON.stringify(totals)}\n`);
}

/** Publisher role: offers `length`-byte messages as fast as allowed, for `seconds` or `count` messages. */
async function publisherRole(port: number, length: number, mtu: number, seconds: number, count: number) {
  const publication = await Publication.open(`aeron:udp?endpoint=127.0.0.1:${port}|mtu=${mtu}`, 1001, {
    lingerMs: 10_000,
  });
  if (!(await publication.waitForConnection(10_000))) throw new Error('no subscriber');
  const message = Buffer.alloc(length, 0x5a);
  const cpuAtStart = process.cpuUsage();
  const end = performance.now() + seconds * 1000;
  let sent = 0;
  while (sent < count && performance.now() < end) {
    for (let i = 0; i < 1000 && sent < count; i++) {
      const result = publication.offer(message);
      if (result > 0n) sent++;
      else if (result === BACK_PRESSURED || result === NOT_CONNECTED) {
        await publication.waitForVacancy(100);
        break;
      } else throw new Error(`offer failed: ${result}`);
    }
    await new Promise((r) => setImmediate(r)); // let status messages in
  }
  const cpu = process.cpuUsage(cpuAtStart);
  await publication.close();
  const totals: SenderTotals = { sent, cpuMicros: cpu.user + cpu.system };
  process.stdout.write(`${JSON.stringify(totals)}\n`);
}

/** Pong role: echoes stream 1002 on `pingPort` back as stream 1003 to `pongPort`, idling as the ping says. */
async function pongRole(pingPort: number, pongPort: number): Promise<void> {
  const publication = await Publication.open(`aeron:udp?endpoint=127.0.0.1:${pongPort}`, 1003, {
    lingerMs: 500,
  });
  let done: () => void = () => {};
  const ended = new Promise<void>((r) => {
    done = r;
  });
  const idle = followPing();
  const subscription = await Subscription.open(`aeron:udp?endpoint=127.0.0.1:${pingPort}`, 1002, {
    onMessage: (m) => {
      idle.heard(m);
      while (publication.offer(m) === BACK_PRESSURED); // the window is far larger than one ping
    },
    onUnavailableImage: () => done(),
  });
  process.stdout.write('ready\n');
  await ended;
  idle.stop();
  await subscription.close();
  await publication.close();
}

/** Ping role: the round trips of a PingGame with the pong, printed as JSON. */
async function pingRole(pingPort: number, pongPort: number, count: number, warmup: number): Promise<void> {
  const message = Buffer.alloc(32);
  const publication = await Publication.open(`aeron:udp?endpoint=127.0.0.1:${pingPort}`, 1002, {
    lingerMs: 500,
  });
  const game = new PingGame(
    (marker) => {
      message[0] = marker;
      if (publication.offer(message) < 0n) throw new Error('ping refused');
    },
    count,
    warmup,
  );
  let pongEnded: () => void = () => {};
  const pongGone = new Promise<void>((r) => {
    pongEnded = r;
  });
  const subscription = await Subscription.open(`aeron:udp?endpoint=127.0.0.1:${pongPort}`, 1003, {
    onMessage: () => game.echoed(),
    onUnavailableImage: () => pongEnded(),
  });
  if (!(await publication.waitForConnection(10_000))) throw new Error('no pong');
  while (!subscription.isConnected) await new Promise((r) => setTimeout(r, 10));
  process.stdout.write(`${JSON.stringify(await game.play())}\n`);
  await publication.close();
  // The pong closes its publication once ours has ended: staying subscribed until its end of
  // stream arrives lets that close end at once instead of after its linger (half a second).
  await Promise.race([pongGone, new Promise((r) => setTimeout(r, 1000).unref())]);
  await subscription.close();
}

const roleChild = (args: string[]) => tsChild(SELF, args);

async function throughput(length: number, mtu: number, seconds: number, count: number): Promise<Row> {
  const port = await freeUdpPort();
  const sub = await roleChild(['subscriber', String(port)]);
  await until(() => sub.lines.includes('ready'), 20_000, 'ready subscriber');
  const spawnEpochMs = Date.now();
  const pub = await roleChild([
    'publisher',
    String(port),
    String(length),
    String(mtu),
    String(seconds),
    String(count),
  ]);
  await bothExited(pub, sub, 60_000 + seconds * 1000, `${length} B row`);
  return {
    transport: 'Aeron (TypeScript)',
    length,
    mtu,
    totals: lastJson<ReceiverTotals>(sub.lines, 'the subscriber'),
    publisher: lastJson<SenderTotals>(pub.lines, 'the publisher'),
    spawnEpochMs,
  };
}

function describeRow(r: Row): string[] {
  const t = r.totals;
  const seconds = Math.max(t.lastEpochMs - t.firstEpochMs, 1) / 1000;
  const withStartup = Math.max(t.lastEpochMs - r.spawnEpochMs, 1) / 1000;
  const sustained = sustainedMBps(t);
  return [
    r.transport,
    r.length >= 1024 ? `${r.length / 1024} KiB` : `${r.length} B`,
    String(r.mtu),
    Math.round(t.messages / seconds).toLocaleString('en-US'),
    sustained === undefined ? 'n/a' : sustained.toFixed(1),
    (t.bytes / withStartup / 1e6).toFixed(1),
    ((t.firstEpochMs - r.spawnEpochMs) / 1000).toFixed(2),
    t.messages.toLocaleString('en-US'),
    (r.publisher.cpuMicros / Math.max(r.publisher.sent, 1)).toFixed(2),
    (t.cpuMicros / Math.max(t.messages, 1)).toFixed(2),
  ];
}

/** The protocol's own share of the CPU per message the row's two processes spent. */
function describeCoreCost(core: CoreCost, row: Row): string {
  const µs = (ns: number) => `${(ns / 1000).toFixed(2)} µs`;
  const wire = (cpuMicros: number, messages: number) =>
    `${(cpuMicros / Math.max(messages, 1)).toFixed(2)} µs`;
  return (
    `The protocol's own work per 1 KiB message (a Sender and a Receiver joined in memory, ${core.messages.toLocaleString('en-US')} messages): ` +
    `sender ${µs(core.senderNs)}, receiver ${µs(core.receiverNs)}, of the ${wire(row.publisher.cpuMicros, row.publisher.sent)} and ` +
    `${wire(row.totals.cpuMicros, row.totals.messages)} each process spent per message above; the rest is Node's dgram and the kernel.`
  );
}

async function pingPong(count: number, warmup: number) {
  const [a, b] = [await freeUdpPort(), await freeUdpPort()];
  const pong = await roleChild(['pong', String(a), String(b)]);
  await until(() => pong.lines.includes('ready'), 20_000, 'ready pong');
  const ping = await roleChild(['ping', String(a), String(b), String(count), String(warmup)]);
  await bothExited(ping, pong, 120_000, 'ping-pong');
  return lastJson<RoundTripsByIdle>(ping.lines, 'ping');
}

/** The C → C figure through a real media driver, when AERON_BIN_DIR has one; a reason when not. */
async function cToC(messages: number): Promise<string> {
  const bin = process.env.AERON_BIN_DIR;
  if (!bin) return 'not run (set AERON_BIN_DIR to an Aeron C build to compare)';
  for (const name of ['aeronmd', 'streaming_publisher', 'rate_subscriber'])
    if (!existsSync(join(bin, name))) return `not run: ${name} is missing from AERON_BIN_DIR=${bin}`;
  const dir = mkdtempSync(join(tmpdir(), 'aeron-bench-'));
  const env = { ...process.env, AERON_DIR: dir };
  // One driver thread (SHARED): the default gives the conductor, sender and receiver a busy-spinning
  // thread each, which on a machine of two cores starves the publisher and subscriber beside them.
  const driver = child(join(bin, 'aeronmd'), [`-Daeron.dir=${dir}`, '-Daeron.threading.mode=SHARED'], env);
  try {
    await until(() => existsSync(join(dir, 'cnc.dat')), 10_000, 'media driver');
    const channel = `aeron:udp?endpoint=127.0.0.1:${await freeUdpPort()}`;
    const sub = child(join(bin, 'rate_subscriber'), ['-p', dir, '-c', channel, '-s', '1001'], env);
    await new Promise((r) => setTimeout(r, 500));
    const pub = child(
      join(bin, 'streaming_publisher'),
      ['-p', dir, '-c', channel, '-s', '1001', '-L', '1024', '-m', String(messages)],
      env,
    );
    const cancel = watchdog([pub.proc], 120_000);
    await pub.exited;
    cancel();
    await new Promise((r) => setTimeout(r, 1500));
    sub.proc.kill('SIGINT');
    await sub.exited;
    // rate_subscriber prints a line per second with "… bytes/sec …": report the best second.
    const rates = sub.lines
      .map((l) => /([\d.e+]+) bytes\/sec/.exec(l)?.[1])
      .filter((v): v is string => v !== undefined)
      .map(Number);
    if (rates.length === 0) return `no rate lines from rate_subscriber: ${sub.lines.slice(-3).join(' | ')}`;
    return `${(Math.max(...rates) / 1e6).toFixed(1)} MB/s best second, ${(rates.reduce((a, b) => a + b, 0) / rates.length / 1e6).toFixed(1)} MB/s mean of ${rates.length} s`;
  } finally {
    driver.proc.kill('SIGINT');
    await driver.exited;
    rmSync(dir, { recursive: true, force: true });
  }
}

const THROUGHPUT_COLUMNS = [
  { header: 'transport', align: 'left' as const },
  'message',
  'mtu',
  'messages/s',
  'MB/s sustained',
  'MB/s with start-up',
  'start-up s',
  'messages',
  'pub CPU µs/msg',
  'sub CPU µs/msg',
];

const ROUND_TRIP_COLUMNS = [
  { header: 'transport', align: 'left' as const },
  { header: 'waiting', align: 'left' as const },
  'round trips',
  'p50 µs',
  'p90 µs',
  'p99 µs',
  'max µs',
];

const FLOOR = 'bare node:dgram (floor)';

/** How each idle strategy reads in the table (aeron/round-trips.ts tells them apart). */
const WAITING = { sleep: 'event loop sleeps', spin: 'busy-spin' } as const;

function describeRoundTrips(transport: string, waiting: string, rtt: RoundTrips): string[] {
  return [
    transport,
    waiting,
    ...[rtt.count, rtt.p50, rtt.p90, rtt.p99, rtt.max].map((v) =>
      v.toLocaleString('en-US', { maximumFractionDigits: 0 }),
    ),
  ];
}

export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const { smoke } = parseBenchOptions<BenchOptions>(
    benchCommand('aeron', 'Aeron over loopback: throughput and round trips, beside bare node:dgram.'),
    argv,
  );
  console.log(
    `Aeron over loopback, one publisher process → one subscriber process${smoke ? ' (smoke run: too short to measure)' : ''}\n`,
  );
  const rows: string[][] = [];
  const plan = smoke
    ? [{ length: 1024, mtu: 1408, seconds: 30, count: 5000 }]
    : [1408, 8192].flatMap((mtu) =>
        [32, 1024, 65536].map((length) => ({ length, mtu, seconds: 3, count: Number.MAX_SAFE_INTEGER })),
      );
  let floorNote = '';
  let kibRow: Row | undefined;
  for (const { length, mtu, seconds, count } of plan) {
    const row = await throughput(length, mtu, seconds, count);
    rows.push(describeRow(row));
    if (length !== 1024 || mtu !== 1408) continue;
    kibRow = row;
    // The floor for this row: the same datagrams (one 1,056-byte frame each) without Aeron.
    const bare = await bareThroughput(length, seconds, count);
    rows.push(describeRow({ ...bare, transport: FLOOR, mtu, publisher: bare.source }));
    const lost = bare.source.sent - bare.totals.messages;
    floorNote =
      `${FLOOR}: ${bare.source.sent.toLocaleString('en-US')} datagrams of ${length + 32} B sent ` +
      `(${((bare.source.sent * length) / Math.max(bare.source.elapsedMs ?? 1, 1) / 1000).toFixed(1)} MB/s of payload offered), ` +
      `${bare.totals.messages.toLocaleString('en-US')} received: ${lost.toLocaleString('en-US')} lost, since nothing paces a bare source.`;
  }
  console.log(formatTable(THROUGHPUT_COLUMNS, rows));
  console.log(`\n${floorNote}`);
  // In this process, once no child measures anything: its CPU must not share the cores with a row.
  if (kibRow)
    console.log(`\n${describeCoreCost(coreCostPerMessage(1024, 1408, smoke ? 20_000 : 2_000_000), kibRow)}`);
  const [pings, warmup] = smoke ? [300, 50] : [20_000, 2000];
  const rtt = await pingPong(pings, warmup);
  const bareRtt = await barePingPong(pings, warmup);
  console.log('\nPing-pong, 32 B, one ping process ↔ one pong process, round trips in µs\n');
  console.log(
    formatTable(
      ROUND_TRIP_COLUMNS,
      IDLE_STRATEGIES.flatMap((idle) => [
        describeRoundTrips('Aeron (TypeScript)', WAITING[idle], rtt[idle]),
        describeRoundTrips(FLOOR, WAITING[idle], bareRtt[idle]),
      ]),
    ),
  );
  if (bareRtt.resent > 0)
    console.log(`\n${FLOOR}: ${bareRtt.resent} pings lost and sent again after 200 ms.`);
  console.log(`\nAeron C → C, 1 KiB, MTU 1408, through aeronmd: ${await cToC(smoke ? 5000 : 2_000_000)}`);
}

const ROLES: Record<string, Role> = {
  subscriber: { args: ['port'], run: subscriberRole },
  publisher: { args: ['port', 'length', 'mtu', 'seconds', 'count'], run: publisherRole },
  pong: { args: ['ping port', 'pong port'], run: pongRole },
  ping: { args: ['ping port', 'pong port', 'count', 'warmup'], run: pingRole },
};

// Started with a role's name, this file is one of the bench's child processes; otherwise the bench.
runIfEntryPoint(import.meta.url, () => roleOr('aeron.ts', ROLES, process.argv.slice(2), main));
