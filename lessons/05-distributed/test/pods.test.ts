/**
 * End to end: both pods as processes over loopback (real Aeron UDP), on a fresh port, with a
 * small run; the subscriber's totals must equal what the publisher sent.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freeUdpPort, waitUntil } from '@steady/runtime/testing';
import { expect, it } from 'vitest';
import { parseAeronCounters, throughputReport } from '../src/runner.ts';

const lessonDir = fileURLToPath(new URL('..', import.meta.url));

function runPod(entry: string, args: string[], timeoutMs: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], { cwd: lessonDir });
  let out = '';
  const done = new Promise<{ code: number; out: string }>((resolve) => {
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs); // bound every wait
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, out });
    });
  });
  return { child, done, output: () => out };
}

function totals(out: string, tag: string): Record<string, number> {
  const line = out.split('\n').find((l) => l.startsWith(`${tag} `)) ?? '';
  return Object.fromEntries(
    line
      .split(' ')
      .slice(1)
      .map((pair) => pair.split('='))
      .map(([k, v]) => [k, Number(v)]),
  );
}

it('publish → subscribe over loopback: every value arrives once, in order', async () => {
  const port = String(await freeUdpPort());
  const common = ['--port', port, '--beats', '5', '--values', '50000', '--rate', '10', '--telemetry', '0'];
  const subscriber = runPod('src/subscribe/main.ts', common, 25_000);
  // The subscriber binds first (a publisher would also wait for it): it says so once subscribed.
  await waitUntil(
    () => subscriber.output().includes('subscribed to'),
    20_000,
    () => `the subscriber to subscribe; it printed:\n${subscriber.output()}`,
  );
  const publisher = runPod('src/publish/main.ts', common, 23_000);
  const pub = await publisher.done;
  if (pub.code !== 0) subscriber.child.kill('SIGKILL'); // it cannot finish without the publisher
  const sub = await subscriber.done;
  const tail = (s: string) => s.split('\n').slice(-15).join('\n');
  expect(pub.code, tail(pub.out)).toBe(0);
  expect(sub.code, tail(sub.out)).toBe(0);
  expect(totals(pub.out, 'PUBLISHED')).toEqual({ beats: 5, values: 250_000 });
  expect(totals(sub.out, 'RECEIVED')).toMatchObject({ beats: 5, values: 250_000 });
  expect(totals(sub.out, 'RECEIVED').ms).toBeGreaterThan(0); // the span from the first message to the last
  // Each aqueduct reports its Aeron counters as it closes: every message offered was delivered.
  const counters = (out: string) =>
    out
      .split('\n')
      .map(parseAeronCounters)
      .find((c) => c !== undefined);
  const sent = counters(pub.out);
  const delivered = counters(sub.out);
  expect(sent?.messagesSent).toBeGreaterThan(0);
  expect(delivered?.messagesReceived).toBe(sent?.messagesSent);
});

it('reports throughput over the span between the pods, start-up shown alongside', () => {
  const line = throughputReport({ messages: 2000, bytes: 16_000_000, values: 2_000_000, ms: 500 }, 2.5);
  expect(line).toBe(
    'runner: 2,000 messages, 16,000,000 bytes in 0.50 s between the pods (2.50 s with start-up): ' +
      '4,000 messages/s, 32.0 MB/s, 4.00 M values/s',
  );
  // Without a span (an older pod, or nothing received) the whole run is the measure.
  expect(throughputReport({ messages: 10, bytes: 80, values: 10 }, 2)).toMatch(/in 2\.00 s between/);
});
