/**
 * Aeron transport over loopback, one publisher process → one subscriber process.
 *
 * - Throughput (messages/s, MB/s) for 32 B, 1 KiB and 64 KiB messages at the default MTU (1408)
 *   and a jumbo MTU (8 KiB, fine on loopback). "sustained" is the rate once the stream runs (the
 *   first 0.5 s of data left out); "with start-up" counts from the publisher process's spawn
 *   (module loading, connecting) to the last message. The CPU time each process spends per
 *   message tells what a side would reach on a core of its own, whatever else the machine runs.
 * - Round trips: a ping process and a pong process, 32 B messages, percentiles in µs.
 * - With AERON_BIN_DIR pointing at an Aeron C build (aeronmd, streaming_publisher,
 *   rate_subscriber), the same 1 KiB / MTU 1408 transfer from C to C through its media driver.
 *
 *   npx tsx runtime/bench/aeron.ts            # about a minute
 *   npx tsx runtime/bench/aeron.ts --smoke    # a few thousand messages, a few seconds: checks the bench runs
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BACK_PRESSURED, NOT_CONNECTED, Publication, Subscription } from '../src/aeron/index.ts';
import { freeUdpPort } from '../src/testing/ports.ts';

const SELF = fileURLToPath(import.meta.url);
/** The subscriber counts bytes in buckets of this length, from its first message. */
const BUCKET_MS = 100;
/** Buckets left out of the sustained rate: connection, first window, JIT warm-up. */
const WARMUP_BUCKETS = 5;

interface SubscriberTotals {
  messages: number;
  bytes: number;
  firstEpochMs: number;
  lastEpochMs: number;
  buckets: number[];
  /** CPU time (user + system) this process spent from the first message to the last, µs. */
  cpuMicros: number;
}

interface PublisherTotals {
  sent: number;
  /** CPU time this process spent from connecting to the end of sending, µs. */
  cpuMicros: number;
}

interface Row {
  length: number;
  mtu: number;
  totals: SubscriberTotals;
  publisher: PublisherTotals;
  spawnEpochMs: number;
}

/** Subscriber role: counts everything until end of stream, prints totals as JSON. */
async function subscriberRole(port: number): Promise<void> {
  const t: SubscriberTotals = {
    messages: 0,
    bytes: 0,
    firstEpochMs: 0,
    lastEpochMs: 0,
    buckets: [],
    cpuMicros: 0,
  };
  let cpuAtFirst = process.cpuUsage();
  let cpuAtLast = cpuAtFirst;
  let first = 0;
  let last = 0;
  let bucketEnd = 0;
  let bucket = 0;
  let done: () => void = () => {};
  const ended = new Promise<void>((r) => {
    done = r;
  });
  const subscription = await Subscription.open(`aeron:udp?endpoint=127.0.0.1:${port}`, 1001, {
    onMessage: (m) => {
      const now = performance.now();
      if (t.messages === 0) {
        first = now;
        bucketEnd = now + BUCKET_MS;
        t.firstEpochMs = Date.now();
        cpuAtFirst = process.cpuUsage();
      }
      while (now >= bucketEnd) {
        t.buckets.push(bucket);
        bucket = 0;
        bucketEnd += BUCKET_MS;
      }
      bucket += m.length;
      last = now;
      t.messages++;
      // Reading the CPU clock costs a system call: once per 1,024 messages is enough.
      if ((t.messages & 1023) === 0) cpuAtLast = process.cpuUsage();
      t.bytes += m.length;
    },
    onUnavailableImage: () => done(),
  });
  process.stdout.write('ready\n');
  await ended;
  t.lastEpochMs = t.firstEpochMs + (last - first);
  const cpu = process.cpuUsage(cpuAtFirst);
  const atLast = { user: cpuAtLast.user - cpuAtFirst.user, system: cpuAtLast.system - cpuAtFirst.system };
  t.cpuMicros = Math.max(atLast.user + atLast.system, 0) || cpu.user + cpu.system;
  await subscription.close();
  process.stdout.write(`${JSON.stringify(t)}\n`);
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
  const totals: PublisherTotals = { sent, cpuMicros: cpu.user + cpu.system };
  process.stdout.write(`${JSON.stringify(totals)}\n`);
}

/** Pong role: echoes stream 1002 on `pingPort` back as stream 1003 to `pongPort`. */
async function pongRole(pingPort: number, pongPort: number): Promise<void> {
  const publication = await Publication.open(`aeron:udp?endpoint=127.0.0.1:${pongPort}`, 1003, {
    lingerMs: 500,
  });
  let done: () => void = () => {};
  const ended = new Promise<void>((r) => {
    done = r;
  });
  const subscription = await Subscription.open(`aeron:udp?endpoint=127.0.0.1:${pingPort}`, 1002, {
    onMessage: (m) => {
      while (publication.offer(m) === BACK_PRESSURED); // the window is far larger than one ping
    },
    onUnavailableImage: () => done(),
  });
  process.stdout.write('ready\n');
  await ended;
  await subscription.close();
  await publication.close();
}

/** Ping role: `count` round trips after `warmup`, each sent from the previous echo's handler; prints µs percentiles. */
async function pingRole(pingPort: number, pongPort: number, count: number, warmup: number): Promise<void> {
  const times = new Float64Array(count);
  const message = Buffer.alloc(32);
  let i = -warmup;
  let started = 0n;
  let done: () => void = () => {};
  const finished = new Promise<void>((r) => {
    done = r;
  });
  const publication = await Publication.open(`aeron:udp?endpoint=127.0.0.1:${pingPort}`, 1002, {
    lingerMs: 500,
  });
  const send = () => {
    started = process.hrtime.bigint();
    if (publication.offer(message) < 0n) throw new Error('ping refused');
  };
  const subscription = await Subscription.open(`aeron:udp?endpoint=127.0.0.1:${pongPort}`, 1003, {
    onMessage: () => {
      const rtt = Number(process.hrtime.bigint() - started) / 1000;
      if (i >= 0) times[i] = rtt;
      if (++i < count) send();
      else done();
    },
  });
  if (!(await publication.waitForConnection(10_000))) throw new Error('no pong');
  while (!subscription.isConnected) await new Promise((r) => setTimeout(r, 10));
  send();
  await finished;
  times.sort();
  const at = (p: number) => times[Math.min(count - 1, Math.floor((p / 100) * count))]!;
  process.stdout.write(`${JSON.stringify({ count, p50: at(50), p90: at(90), p99: at(99), max: at(100) })}\n`);
  await publication.close();
  await subscription.close();
}

function child(command: string, args: string[], env?: NodeJS.ProcessEnv) {
  const proc = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'], env: env ?? process.env });
  const lines: string[] = [];
  let buffered = '';
  proc.stdout!.on('data', (d) => {
    buffered += d;
    const parts = buffered.split('\n');
    buffered = parts.pop()!;
    lines.push(...parts);
  });
  const exited = new Promise<number | null>((r) => proc.on('exit', r));
  return { proc, lines, exited };
}

const tsChild = (args: string[]) => child(process.execPath, ['--import', 'tsx', SELF, ...args]);

async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  const end = performance.now() + ms;
  while (!check()) {
    if (performance.now() > end) throw new Error(`bench: no ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Kills `procs` if they outlive `ms`; returns the cancel function. */
function watchdog(procs: ChildProcess[], ms: number): () => void {
  const timer = setTimeout(() => {
    for (const p of procs) p.kill();
  }, ms);
  return () => clearTimeout(timer);
}

const lastJson = <T>(lines: string[], what: string): T => {
  const line = lines.findLast((l) => l.startsWith('{'));
  if (!line) throw new Error(`bench: no result from ${what}`);
  return JSON.parse(line) as T;
};

async function throughput(length: number, mtu: number, seconds: number, count: number): Promise<Row> {
  const port = await freeUdpPort();
  const sub = tsChild(['subscriber', String(port)]);
  await until(() => sub.lines.includes('ready'), 20_000, 'ready subscriber');
  const spawnEpochMs = Date.now();
  const pub = tsChild([
    'publisher',
    String(port),
    String(length),
    String(mtu),
    String(seconds),
    String(count),
  ]);
  const cancel = watchdog([pub.proc, sub.proc], 60_000 + seconds * 1000);
  const [pubCode, subCode] = await Promise.all([pub.exited, sub.exited]);
  cancel();
  if (pubCode !== 0 || subCode !== 0)
    throw new Error(`bench: ${length} B row failed (exit ${pubCode}, ${subCode})`);
  return {
    length,
    mtu,
    totals: lastJson<SubscriberTotals>(sub.lines, 'the subscriber'),
    publisher: lastJson<PublisherTotals>(pub.lines, 'the publisher'),
    spawnEpochMs,
  };
}

/** MB/s once running: the full buckets after the warm-up, or undefined when the run was too short. */
function sustainedMBps(t: SubscriberTotals): number | undefined {
  const steady = t.buckets.slice(WARMUP_BUCKETS);
  if (steady.length < 3) return undefined;
  return steady.reduce((a, b) => a + b, 0) / (steady.length * BUCKET_MS * 1000);
}

function describeRow(r: Row): string[] {
  const t = r.totals;
  const seconds = Math.max(t.lastEpochMs - t.firstEpochMs, 1) / 1000;
  const withStartup = Math.max(t.lastEpochMs - r.spawnEpochMs, 1) / 1000;
  const sustained = sustainedMBps(t);
  return [
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

/** Prints `rows` (the first is the header) as a Markdown table, columns padded to line up. */
function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padStart(widths[i]!)).join(' | ')} |`;
  console.log(line(rows[0]!));
  console.log(`|${widths.map((w) => `${'-'.repeat(w + 1)}:`).join('|')}|`);
  for (const r of rows.slice(1)) console.log(line(r));
}

async function pingPong(count: number, warmup: number) {
  const [a, b] = [await freeUdpPort(), await freeUdpPort()];
  const pong = tsChild(['pong', String(a), String(b)]);
  await until(() => pong.lines.includes('ready'), 20_000, 'ready pong');
  const ping = tsChild(['ping', String(a), String(b), String(count), String(warmup)]);
  const cancel = watchdog([ping.proc, pong.proc], 120_000);
  await Promise.all([ping.exited, pong.exited]);
  cancel();
  return lastJson<{ count: number; p50: number; p90: number; p99: number; max: number }>(ping.lines, 'ping');
}

/** The C → C figure through a real media driver, when AERON_BIN_DIR has one; a reason when not. */
async function cToC(messages: number): Promise<string> {
  const bin = process.env.AERON_BIN_DIR;
  if (!bin) return 'not run (set AERON_BIN_DIR to an Aeron C build to compare)';
  for (const name of ['aeronmd', 'streaming_publisher', 'rate_subscriber'])
    if (!existsSync(join(bin, name))) return `not run: ${name} is missing from AERON_BIN_DIR=${bin}`;
  const dir = mkdtempSync(join(tmpdir(), 'aeron-bench-'));
  const env = { ...process.env, AERON_DIR: dir };
  const driver = child(join(bin, 'aeronmd'), [`-Daeron.dir=${dir}`], env);
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

export async function main(args: readonly string[] = []): Promise<void> {
  const smoke = args.includes('--smoke');
  console.log(
    `Aeron over loopback, one publisher process → one subscriber process${smoke ? ' (smoke run: too short to measure)' : ''}\n`,
  );
  const rows = [
    [
      'message',
      'mtu',
      'messages/s',
      'MB/s sustained',
      'MB/s with start-up',
      'start-up s',
      'messages',
      'pub CPU µs/msg',
      'sub CPU µs/msg',
    ],
  ];
  if (smoke) rows.push(describeRow(await throughput(1024, 1408, 30, 5000)));
  else {
    for (const mtu of [1408, 8192])
      for (const length of [32, 1024, 65536])
        rows.push(describeRow(await throughput(length, mtu, 3, Number.MAX_SAFE_INTEGER)));
  }
  printTable(rows);
  const rtt = smoke ? await pingPong(1000, 200) : await pingPong(20_000, 2000);
  console.log('\nPing-pong, 32 B, one ping process ↔ one pong process, round trips in µs\n');
  printTable([
    ['round trips', 'p50 µs', 'p90 µs', 'p99 µs', 'max µs'],
    [rtt.count, rtt.p50, rtt.p90, rtt.p99, rtt.max].map((v) =>
      v.toLocaleString('en-US', { maximumFractionDigits: 0 }),
    ),
  ]);
  console.log(`\nAeron C → C, 1 KiB, MTU 1408, through aeronmd: ${await cToC(smoke ? 5000 : 2_000_000)}`);
}

const [role, ...rest] = process.argv.slice(2);
const n = (i: number) => Number(rest[i]);
if (resolve(process.argv[1] ?? '') === SELF) {
  if (role === 'subscriber') await subscriberRole(n(0));
  else if (role === 'publisher') await publisherRole(n(0), n(1), n(2), n(3), n(4));
  else if (role === 'pong') await pongRole(n(0), n(1));
  else if (role === 'ping') await pingRole(n(0), n(1), n(2), n(3));
  else {
    const args = process.argv.slice(2);
    const unknown = args.find((a) => a !== '--smoke');
    if (unknown !== undefined) {
      console.error(`usage: aeron.ts [--smoke]   (unknown argument "${unknown}")`);
      process.exit(2);
    }
    await main(args);
  }
}
