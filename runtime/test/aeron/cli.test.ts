import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { freeUdpPort } from '../../src/testing/ports.ts';

const CLI = fileURLToPath(new URL('../../src/aeron/cli.ts', import.meta.url));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill();
});

interface Run {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  exited: Promise<number | null>;
}

function run(...args: string[]): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => {
    out += d;
  });
  child.stderr!.on('data', (d) => {
    err += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, out: () => out, err: () => err, exited };
}

async function waitForOutput(r: Run, pattern: RegExp, timeoutMs = 10_000): Promise<RegExpMatchArray> {
  const end = performance.now() + timeoutMs;
  while (performance.now() < end) {
    const m = r.out().match(pattern);
    if (m) return m;
    await new Promise((res) => setTimeout(res, 20));
  }
  throw new Error(`no ${pattern} in output:\n${r.out()}\n${r.err()}`);
}

describe('steady-aeron CLI', () => {
  it.each([
    [['publish', 'aeron:udp?endpoint=127.0.0.1:9|mtu=7', '1'], 'mtu: 7 must be a multiple of 32'],
    [['publish', 'aeron:udp?endpoint=127.0.0.1:9', 'one'], '"one" is not a whole number'],
    [['publish', 'aeron:udp?endpoint=127.0.0.1:9', '1', '-n', '-5'], 'must be at least 0'],
    [['subscribe', 'aeron:ipc', '1'], 'media'],
    [['subscribe', 'aeron:udp?endpoint=127.0.0.1:9', '3000000000'], 'must be between'],
    [['ping', 'aeron:udp?endpoint=127.0.0.1:9'], 'missing required argument'],
    [['teleport'], "unknown command 'teleport'"],
    [
      ['subscribe', 'aeron:udp?endpoint=127.0.0.1:0|rcv-wnd=1m|so-rcvbuf=64k', '1'],
      "rcv-wnd: a window of 1024 KiB does not fit the socket's receive buffer",
    ],
  ])('rejects %j with exit code 2 and one line, no stack trace', async (args, text) => {
    const r = run(...args);
    expect(await r.exited).toBe(2);
    expect(r.err()).toContain(text);
    expect(r.err().trim().split('\n')).toHaveLength(1);
    expect(r.err()).not.toMatch(/\n\s+at /);
  });

  it('publish → subscribe: N messages printed, then both exit 0; the subscriber also stops at end of stream', async () => {
    const sub = run('subscribe', 'aeron:udp?endpoint=127.0.0.1:0', '42');
    const [, port] = await waitForOutput(sub, /\(port (\d+)\)/);
    const pub = run('publish', `aeron:udp?endpoint=127.0.0.1:${port}`, '42', '-n', '3');
    expect(await pub.exited).toBe(0);
    expect(pub.out()).toContain('sent 3 messages, 42 bytes');
    expect(await sub.exited).toBe(0);
    expect(sub.out()).toContain('message 1 (session');
    expect(sub.out()).toContain('14 bytes): Hello World! 0');
    expect(sub.out()).toContain('Hello World! 2');
    expect(sub.out()).toMatch(/image unavailable: session -?\d+ \(end-of-stream\)/);
    expect(sub.out()).toMatch(/total: 3 messages, 42 bytes in [\d.]+ s \(end of stream\)/);
  });

  it('subscribe --rate -n prints rate lines and totals and exits after N messages', async () => {
    const sub = run('subscribe', 'aeron:udp?endpoint=127.0.0.1:0', '7', '--rate', '-n', '3000');
    const [, port] = await waitForOutput(sub, /\(port (\d+)\)/);
    const pub = run(
      'publish',
      `aeron:udp?endpoint=127.0.0.1:${port}`,
      '7',
      '-n',
      '3000',
      '-l',
      '100',
      '-r',
      '2000',
      '--linger',
      '200',
    );
    expect(await sub.exited).toBe(0);
    expect(sub.out()).toMatch(/rate: \d+ msgs\/s, [\d.]+ MB\/s/);
    expect(sub.out()).toMatch(/total: 3000 messages, 300000 bytes in [\d.]+ s, \d+ msgs\/s/);
    expect(sub.out()).not.toContain('message 1 (');
    expect(await pub.exited).toBe(0);
  });

  it('ping against pong prints round-trip percentiles', async () => {
    const [a, b] = [await freeUdpPort(), await freeUdpPort()];
    const pingChannel = `aeron:udp?endpoint=127.0.0.1:${a}`;
    const pongChannel = `aeron:udp?endpoint=127.0.0.1:${b}`;
    const pong = run('pong', pingChannel, pongChannel);
    await waitForOutput(pong, /pong: echoing/);
    const ping = run('ping', pingChannel, pongChannel, '-n', '500', '--warmup', '100');
    expect(await ping.exited).toBe(0);
    expect(ping.out()).toMatch(
      /round trip of 32-byte messages over 500 pings: p50 [\d.]+ µs, p90 [\d.]+ µs, p99 [\d.]+ µs/,
    );
    expect(await pong.exited).toBe(0);
    expect(pong.out()).toContain('pong: echoed 600 messages');
  });
});
