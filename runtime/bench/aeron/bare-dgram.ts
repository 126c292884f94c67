/**
 * The platform's floor beside the Aeron rows: the same process layout and the same bytes on the
 * wire, with bare `node:dgram` and no protocol at all. A source process sends datagrams as long
 * as an Aeron frame of the message (`align(length + 32)`: 1,056 B for 1 KiB) on a connected
 * socket, as fast as Node sends them; a sink process counts them (payload bytes only, as the
 * Aeron subscriber counts messages). Nothing paces the source, so what the sink's socket buffer
 * cannot hold is lost: the row shows what was offered and what arrived. For round trips, a ping
 * process and a pong process bounce one 64-byte datagram (a 32 B message's frame), as the Aeron
 * ping and pong do (round-trips.ts).
 *
 * Each role runs in its own process: `bare-dgram.ts <role> …args`, compiled first (processes.ts).
 */
import dgram from 'node:dgram';
import { fileURLToPath } from 'node:url';
import { runIfEntryPoint } from '../../src/bench/index.ts';
import { freeUdpPort } from '../../src/testing/ports.ts';
import { bothExited, lastJson, type Role, roleOr, tsChild, until } from './processes.ts';
import { followPing, PingGame, type RoundTripsByIdle } from './round-trips.ts';
import { ReceiveCounter, type ReceiverTotals, type SenderTotals } from './totals.ts';

const SELF = fileURLToPath(import.meta.url);
/** Aeron's frame header: the bare datagram carries as many bytes as the frame would. */
const HEADER_LENGTH = 32;
/** A one-byte datagram ends a stream (no real datagram is that short). */
const END_MARKER = Buffer.from([0]);
/** The sink gives up this long after the last datagram, in case every end marker was lost. */
const SINK_IDLE_MS = 2000;
const KERNEL_BUFFER_BYTES = 4 * 1024 * 1024;

const frameLength = (length: number) => (length + HEADER_LENGTH + 31) & ~31;

function openSocket(port: number, peerPort?: number): Promise<dgram.Socket> {
  return new Promise((done, fail) => {
    const socket = dgram.createSocket('udp4');
    socket.once('error', fail);
    socket.bind(port, '127.0.0.1', () => {
      // As the Aeron shells ask for: large kernel buffers, where the kernel allows them.
      try {
        socket.setRecvBufferSize(KERNEL_BUFFER_BYTES);
        socket.setSendBufferSize(KERNEL_BUFFER_BYTES);
      } catch {}
      socket.off('error', fail);
      // A connected socket hears of a peer that has gone (ICMP port unreachable) as an error:
      // expected once the other role has finished, and no reason to fail.
      socket.on('error', () => {});
      if (peerPort === undefined) done(socket);
      else socket.connect(peerPort, '127.0.0.1', () => done(socket));
    });
  });
}

/** Sink role: counts datagrams on `port` until an end marker (or silence), prints totals as JSON. */
async function sinkRole(port: number, length: number): Promise<void> {
  const socket = await openSocket(port);
  const counter = new ReceiveCounter();
  const expected = frameLength(length);
  let lastAt = performance.now();
  const ended = new Promise<void>((done) => {
    socket.on('message', (msg) => {
      if (msg.length === END_MARKER.length) return done();
      if (msg.length !== expected) return; // not the source's: a stray datagram on a reused port
      lastAt = performance.now();
      counter.count(length);
    });
    const idle = setInterval(() => {
      if (counter.totals.messages > 0 && performance.now() - lastAt > SINK_IDLE_MS) done();
    }, 100);
    idle.unref();
  });
  process.stdout.write('ready\n');
  await ended;
  const totals = counter.finish();
  socket.close();
  process.stdout.write(`${JSON.stringify(totals)}\n`);
}

/** Source role: sends `length`-byte messages' datagrams for `seconds` or `count` datagrams. */
async function sourceRole(port: number, length: number, seconds: number, count: number): Promise<void> {
  const socket = await openSocket(0, port);
  const datagram = Buffer.alloc(frameLength(length), 0x5a);
  const cpuAtStart = process.cpuUsage();
  const start = performance.now();
  const end = start + seconds * 1000;
  let sent = 0;
  while (sent < count && performance.now() < end) {
    // The same rhythm as the Aeron publisher: bursts of up to 1,000, then the event loop runs.
    for (let i = 0; i < 1000 && sent < count; i++) {
      socket.send(datagram);
      sent++;
    }
    await new Promise((r) => setImmediate(r));
  }
  const cpu = process.cpuUsage(cpuAtStart);
  const elapsedMs = performance.now() - start;
  for (let i = 0; i < 10; i++) {
    socket.send(END_MARKER);
    await new Promise((r) => setTimeout(r, 20));
  }
  socket.close();
  const totals: SenderTotals = { sent, cpuMicros: cpu.user + cpu.system, elapsedMs };
  process.stdout.write(`${JSON.stringify(totals)}\n`);
}

/** Pong role: echoes every datagram from `pingPort` back to it, idling as the ping says, until an end marker. */
async function pongRole(pongPort: number, pingPort: number): Promise<void> {
  const socket = await openSocket(pongPort, pingPort);
  const idle = followPing();
  await new Promise<void>((done) => {
    socket.on('message', (msg) => {
      if (msg.length === END_MARKER.length) return done();
      idle.heard(msg);
      socket.send(msg);
    });
    process.stdout.write('ready\n');
  });
  idle.stop();
  socket.close();
}

/** Ping role: the round trips of a PingGame with the pong, printed as JSON with the pings sent again. */
async function pingRole(pongPort: number, pingPort: number, count: number, warmup: number): Promise<void> {
  const socket = await openSocket(pingPort, pongPort);
  const datagram = Buffer.alloc(frameLength(32));
  const game = new PingGame(
    (marker) => {
      datagram[0] = marker;
      socket.send(datagram);
    },
    count,
    warmup,
  );
  socket.on('message', () => game.echoed());
  // UDP may drop a datagram, and a lost ping would stop the game: send it again after 200 ms.
  let resent = 0;
  const resend = setInterval(() => {
    if (game.msSinceLastPing() > 200) {
      resent++;
      game.ping();
    }
  }, 100);
  const results = await game.play();
  clearInterval(resend);
  for (let k = 0; k < 5; k++) socket.send(END_MARKER);
  await new Promise((r) => setTimeout(r, 20));
  socket.close();
  process.stdout.write(`${JSON.stringify({ ...results, resent })}\n`);
}

export interface BareThroughput {
  length: number;
  totals: ReceiverTotals;
  source: SenderTotals;
  spawnEpochMs: number;
}

/** Runs a source and a sink process: `length`-byte messages' datagrams for `seconds` or `count`. */
export async function bareThroughput(
  length: number,
  seconds: number,
  count: number,
): Promise<BareThroughput> {
  const port = await freeUdpPort();
  const sink = await tsChild(SELF, ['sink', String(port), String(length)]);
  await until(() => sink.lines.includes('ready'), 20_000, 'ready bare sink');
  const spawnEpochMs = Date.now();
  const source = await tsChild(SELF, [
    'source',
    String(port),
    String(length),
    String(seconds),
    String(count),
  ]);
  await bothExited(source, sink, 60_000 + seconds * 1000, `bare dgram ${length} B row`);
  return {
    length,
    totals: lastJson<ReceiverTotals>(sink.lines, 'the bare sink'),
    source: lastJson<SenderTotals>(source.lines, 'the bare source'),
    spawnEpochMs,
  };
}

/** Runs a bare ping process and pong process: `count` round trips after `warmup`. */
export async function barePingPong(
  count: number,
  warmup: number,
): Promise<RoundTripsByIdle & { resent: number }> {
  const [pongPort, pingPort] = [await freeUdpPort(), await freeUdpPort()];
  const pong = await tsChild(SELF, ['pong', String(pongPort), String(pingPort)]);
  await until(() => pong.lines.includes('ready'), 20_000, 'ready bare pong');
  const ping = await tsChild(SELF, [
    'ping',
    String(pongPort),
    String(pingPort),
    String(count),
    String(warmup),
  ]);
  await bothExited(ping, pong, 120_000, 'bare ping-pong');
  return lastJson(ping.lines, 'bare ping');
}

const ROLES: Record<string, Role> = {
  sink: { args: ['port', 'length'], run: sinkRole },
  source: { args: ['port', 'length', 'seconds', 'count'], run: sourceRole },
  pong: { args: ['pong port', 'ping port'], run: pongRole },
  ping: { args: ['pong port', 'ping port', 'count', 'warmup'], run: pingRole },
};

runIfEntryPoint(import.meta.url, () => roleOr('bare-dgram.ts', ROLES, process.argv.slice(2)));
