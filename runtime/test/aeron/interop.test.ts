/**
 * Interoperability with a real Aeron (opt-in): set AERON_BIN_DIR to a directory holding
 * `aeronmd`, `basic_publisher` and `basic_subscriber` from an Aeron C build. Aeron itself
 * is never part of this repository.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Publication, Subscription } from '../../src/aeron/index.ts';
import { freeUdpPort } from '../../src/testing/ports.ts';
import { waitUntil } from '../../src/testing/wait-until.ts';
import { LossyProxy } from './lossy-proxy.ts';

const bin = process.env.AERON_BIN_DIR ?? '';
if (!bin) {
  throw new Error(
    'the interop suite needs AERON_BIN_DIR: a directory with aeronmd, basic_publisher, basic_subscriber',
  );
}
describe('interop with a real Aeron media driver', () => {
  const children: ChildProcess[] = [];
  let aeronDir = '';
  const env = () => ({ ...process.env, AERON_DIR: aeronDir });

  function start(name: string, args: string[]): { child: ChildProcess; out: () => string } {
    const child = spawn(join(bin, name), args, { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
    });
    child.stderr!.on('data', (d) => {
      out += d;
    });
    return { child, out: () => out };
  }

  /** Waits for `check`; a timeout names `what` and shows the child's output. */
  function until(check: () => boolean, ms: number, what: string, log: () => string): Promise<void> {
    return waitUntil(check, ms, () => `${what}:\n${log()}`, 20);
  }

  beforeAll(async () => {
    for (const name of ['aeronmd', 'basic_publisher', 'basic_subscriber'])
      if (!existsSync(join(bin, name))) throw new Error(`${name} is missing from AERON_BIN_DIR=${bin}`);
    aeronDir = mkdtempSync(join(tmpdir(), 'aeron-interop-'));
    const driver = start('aeronmd', [`-Daeron.dir=${aeronDir}`, '-Daeron.threading.mode=SHARED']);
    await until(() => existsSync(join(aeronDir, 'cnc.dat')), 10_000, 'the media driver', driver.out);
  }, 20_000);

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 300));
    rmSync(aeronDir, { recursive: true, force: true });
  });

  it('TypeScript publisher → real basic_subscriber', async () => {
    const port = await freeUdpPort();
    const channel = `aeron:udp?endpoint=127.0.0.1:${port}`;
    const subscriber = start('basic_subscriber', ['-p', aeronDir, '-c', channel, '-s', '1001']);
    await new Promise((r) => setTimeout(r, 500));
    const publication = await Publication.open(channel, 1001, { lingerMs: 2000 });
    expect(await publication.waitForConnection(5000)).toBe(true);
    for (let i = 0; i < 10; i++) {
      while (publication.offer(Buffer.from(`Hello from TypeScript ${i}`)) < 0n)
        await publication.waitForVacancy(100);
    }
    // Close sends end of stream after the data; the real receiver acknowledges it well within the linger.
    const closing = performance.now();
    await publication.close();
    expect(performance.now() - closing).toBeLessThan(1500);
    // The sample's stdout is block-buffered into a pipe: stop it (SIGINT exits cleanly) to read it.
    const exited = new Promise((r) => subscriber.child.once('exit', r));
    subscriber.child.kill('SIGINT');
    await exited;
    for (let i = 0; i < 10; i++) expect(subscriber.out()).toContain(`Hello from TypeScript ${i}`);
  }, 30_000);

  it('TypeScript publisher → real basic_subscriber: 2,000 messages up to 3×MTU, 64 KiB terms, reassembled in order', async () => {
    const port = await freeUdpPort();
    const channel = `aeron:udp?endpoint=127.0.0.1:${port}|term-length=64k`;
    const subscriber = start('basic_subscriber', ['-p', aeronDir, '-c', channel, '-s', '1001']);
    await new Promise((r) => setTimeout(r, 500));
    const publication = await Publication.open(channel, 1001, { lingerMs: 3000 });
    expect(await publication.waitForConnection(5000)).toBe(true);
    const lengths = Array.from({ length: 2000 }, (_, i) => 8 + ((i * 7919) % (3 * 1408 - 8)));
    for (let i = 0; i < lengths.length; i++) {
      const text = `m${i}:`.padEnd(lengths[i]!, 'x');
      while (publication.offer(Buffer.from(text)) < 0n) await publication.waitForVacancy(100);
    }
    await publication.close();
    const exited = new Promise((r) => subscriber.child.once('exit', r));
    subscriber.child.kill('SIGINT');
    await exited;
    const seen = [...subscriber.out().matchAll(/\((\d+) bytes\) <<m(\d+):/g)].map((m) => [
      Number(m[2]),
      Number(m[1]),
    ]);
    expect(seen).toEqual(lengths.map((length, i) => [i, length]));
  }, 30_000);

  it('real streaming_publisher → TypeScript subscriber: 20,000 messages of 1 KiB', async () => {
    if (!existsSync(join(bin, 'streaming_publisher'))) {
      console.log('streaming_publisher not in AERON_BIN_DIR: only the basic samples were checked');
      expect(existsSync(join(bin, 'basic_publisher'))).toBe(true);
      return;
    }
    const port = await freeUdpPort();
    const channel = `aeron:udp?endpoint=127.0.0.1:${port}`;
    const lengths: number[] = [];
    const subscription = await Subscription.open(channel, 1001, {
      onMessage: (m) => lengths.push(m.length),
    });
    const publisher = start('streaming_publisher', [
      '-p',
      aeronDir,
      '-c',
      channel,
      '-s',
      '1001',
      '-m',
      '20000',
      '-L',
      '1024',
    ]);
    await until(() => lengths.length >= 20_000, 20_000, '20,000 messages', publisher.out);
    expect(lengths.every((l) => l === 1024)).toBe(true);
    expect(subscription.counters.invalidFrames).toBe(0);
    await subscription.close();
  }, 30_000);

  it('through the lossy proxy both ways: TypeScript → real basic_subscriber, real streaming_publisher → TypeScript', async () => {
    const loss = { drop: 0.1, duplicate: 0.02, reorder: 0.05, reorderWindow: 3 };
    // TypeScript publisher, real receiver: the C driver's NAKs must be understood.
    const cPort = await freeUdpPort();
    const subscriber = start('basic_subscriber', [
      '-p',
      aeronDir,
      '-c',
      `aeron:udp?endpoint=127.0.0.1:${cPort}`,
      '-s',
      '1001',
    ]);
    await new Promise((r) => setTimeout(r, 500));
    const toC = await LossyProxy.start(cPort, 7, loss);
    const publication = await Publication.open(
      `aeron:udp?endpoint=127.0.0.1:${toC.port}|term-length=64k`,
      1001,
      {
        lingerMs: 3000,
      },
    );
    expect(await publication.waitForConnection(5000)).toBe(true);
    const lengths = Array.from({ length: 1000 }, (_, i) => 8 + ((i * 7919) % (3 * 1408 - 8)));
    for (let i = 0; i < lengths.length; i++) {
      while (publication.offer(Buffer.from(`m${i}:`.padEnd(lengths[i]!, 'x'))) < 0n)
        await publication.waitForVacancy(100);
    }
    await publication.close();
    toC.close();
    const exited = new Promise((r) => subscriber.child.once('exit', r));
    subscriber.child.kill('SIGINT');
    await exited;
    const seen = [...subscriber.out().matchAll(/\((\d+) bytes\) <<m(\d+):/g)].map((m) => [
      Number(m[2]),
      Number(m[1]),
    ]);
    expect(seen).toEqual(lengths.map((length, i) => [i, length]));
    expect(publication.counters.naksReceived).toBeGreaterThan(0);
    expect(publication.counters.retransmits).toBeGreaterThan(0);

    if (!existsSync(join(bin, 'streaming_publisher'))) return;
    // Real publisher, TypeScript receiver: our NAKs must be understood by the C driver.
    const received: number[] = [];
    const subscription = await Subscription.open('aeron:udp?endpoint=127.0.0.1:0', 1001, {
      nakRetryMs: 5,
      onMessage: (m) => received.push(m.length),
    });
    const toTs = await LossyProxy.start(subscription.localPort, 8, loss);
    const channel = `aeron:udp?endpoint=127.0.0.1:${toTs.port}|term-length=64k`;
    const publisher = start('streaming_publisher', [
      '-p',
      aeronDir,
      '-c',
      channel,
      '-s',
      '1001',
      '-m',
      '5000',
      '-L',
      '3000',
    ]);
    await until(() => received.length >= 5000, 20_000, '5,000 messages through the proxy', publisher.out);
    expect(received.every((l) => l === 3000)).toBe(true);
    expect(subscription.counters.naksSent).toBeGreaterThan(0);
    toTs.close();
    await subscription.close();
  }, 60_000);

  it('real basic_publisher → TypeScript subscriber', async () => {
    const port = await freeUdpPort();
    const channel = `aeron:udp?endpoint=127.0.0.1:${port}`;
    const received: string[] = [];
    const subscription = await Subscription.open(channel, 1001, {
      onMessage: (m) => received.push(m.toString()),
    });
    const publisher = start('basic_publisher', [
      '-p',
      aeronDir,
      '-c',
      channel,
      '-s',
      '1001',
      '-m',
      '5',
      '-l',
      '2s',
    ]);
    await until(() => received.length >= 5, 15_000, 'five messages', publisher.out);
    expect(received.slice(0, 5).map((m) => m.replace(/\0+$/, ''))).toEqual(
      [0, 1, 2, 3, 4].map((i) => `Hello World! ${i}`),
    );
    await subscription.close();
  }, 30_000);
});
