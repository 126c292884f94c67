/**
 * Aeron transport over loopback: one publisher process and one subscriber process.
 * Throughput (messages/s, MB/s) for 32 B, 1 KiB and 64 KiB messages at the default MTU
 * (1408) and a jumbo MTU (8 KiB, fine on loopback), then ping-pong round trips of 32 B.
 *
 *   npx tsx runtime/bench/aeron.ts
 *
 * Bounded: about 3 s of sending per row, under two minutes in all.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BACK_PRESSURED, NOT_CONNECTED, Publication, Subscription } from '../src/aeron/index.ts';
import { freeUdpPort } from '../src/testing/ports.ts';

const SELF = fileURLToPath(import.meta.url);
const CLI = fileURLToPath(new URL('../src/aeron/cli.ts', import.meta.url));
const SEND_SECONDS = 3;

interface Totals {
  messages: number;
  bytes: number;
  seconds: number;
}

/** Subscriber role: counts everything until end of stream, prints totals as JSON. */
async function subscriberRole(port: number): Promise<void> {
  let messages = 0;
  let bytes = 0;
  let first = 0;
  let last = 0;
  let done: () => void = () => {};
  const ended = new Promise<void>((r) => {
    done = r;
  });
  const subscription = await Subscription.open(`aeron:udp?endpoint=127.0.0.1:${port}`, 1001, {
    onMessage: (m) => {
      if (messages === 0) first = performance.now();
      messages++;
      bytes += m.length;
      last = performance.now();
    },
    onUnavailableImage: () => done(),
  });
  process.stdout.write('ready\n');
  await ended;
  await subscription.close();
  const totals: Totals = { messages, bytes, seconds: (last - first) / 1000 };
  process.stdout.write(`${JSON.stringify(totals)}\n`);
}

/** Publisher role: offers `length`-byte messages as fast as allowed for SEND_SECONDS, then closes. */
async function publisherRole(port: number, length: number, mtu: number): Promise<void> {
  const publication = await Publication.open(`aeron:udp?endpoint=127.0.0.1:${port}|mtu=${mtu}`, 1001, {
    lingerMs: 10_000,
  });
  if (!(await publication.waitForConnection(5000))) throw new Error('no subscriber');
  const message = Buffer.alloc(length, 0x5a);
  const end = performance.now() + SEND_SECONDS * 1000;
  let sent = 0;
  while (performance.now() < end) {
    for (let i = 0; i < 1000; i++) {
      const result = publication.offer(message);
      if (result > 0n) sent++;
      else if (result === BACK_PRESSURED || result === NOT_CONNECTED) {
        await publication.waitForVacancy(100);
        break;
      } else throw new Error(`offer failed: ${result}`);
    }
    await new Promise((r) => setImmediate(r)); // let status messages in
  }
  await publication.close();
  process.stdout.write(`${JSON.stringify({ sent })}\n`);
}

function child(args: string[]): { proc: ChildProcess; lines: string[]; exited: Promise<number | null> } {
  const proc = spawn(process.execPath, ['--import', 'tsx', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
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

async function until(check: () => boolean, ms: number): Promise<void> {
  const end = performance.now() + ms;
  while (!check()) {
    if (performance.now() > end) throw new Error('bench child did not answer');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function throughput(length: number, mtu: number): Promise<Totals> {
  const port = await freeUdpPort();
  const sub = child([SELF, 'subscriber', String(port)]);
  await until(() => sub.lines.includes('ready'), 10_000);
  const pub = child([SELF, 'publisher', String(port), String(length), String(mtu)]);
  const timer = setTimeout(() => {
    pub.proc.kill();
    sub.proc.kill();
  }, 30_000);
  await Promise.all([pub.exited, sub.exited]);
  clearTimeout(timer);
  const line = sub.lines.find((l) => l.startsWith('{'));
  if (!line) throw new Error(`no totals for ${length} B`);
  return JSON.parse(line) as Totals;
}

async function pingPong(): Promise<string> {
  const [a, b] = [await freeUdpPort(), await freeUdpPort()];
  const pingChannel = `aeron:udp?endpoint=127.0.0.1:${a}`;
  const pongChannel = `aeron:udp?endpoint=127.0.0.1:${b}`;
  const pong = child([CLI, 'pong', pingChannel, pongChannel]);
  await until(() => pong.lines.some((l) => l.startsWith('pong: echoing')), 10_000);
  const ping = child([CLI, 'ping', pingChannel, pongChannel, '-n', '20000', '--warmup', '2000']);
  await Promise.all([ping.exited, pong.exited]);
  return ping.lines.find((l) => l.startsWith('round trip')) ?? 'no result';
}

async function main(): Promise<void> {
  const rows: string[][] = [['message', 'mtu', 'messages/s', 'MB/s', 'messages']];
  for (const mtu of [1408, 8192]) {
    for (const length of [32, 1024, 65536]) {
      const t = await throughput(length, mtu);
      rows.push([
        length >= 1024 ? `${length / 1024} KiB` : `${length} B`,
        String(mtu),
        Math.round(t.messages / t.seconds).toLocaleString('en-US'),
        (t.bytes / t.seconds / 1e6).toFixed(1),
        t.messages.toLocaleString('en-US'),
      ]);
    }
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  console.log('Aeron over loopback, one publisher process → one subscriber process');
  for (const r of rows) console.log(r.map((c, i) => c.padStart(widths[i]!)).join('  '));
  console.log(`ping-pong, 32 B: ${await pingPong()}`);
}

const [role, ...args] = process.argv.slice(2);
if (role === 'subscriber') await subscriberRole(Number(args[0]));
else if (role === 'publisher') await publisherRole(Number(args[0]), Number(args[1]), Number(args[2]));
else await main();
