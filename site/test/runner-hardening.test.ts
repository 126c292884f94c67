/**
 * The native runner survives hostile and clumsy clients: a frame that breaks the WebSocket protocol
 * closes only its own connection; a page that closes while its run is being prepared leaves nothing
 * running; runs and pages are bounded; upgrade requests it does not take are answered and closed.
 */
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { waitUntil } from '@steady/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveChildren } from '../src/node/processes.ts';
import { startSiteServer } from '../src/node/serve.ts';
import {
  closed,
  collect,
  connected,
  get,
  type Harness,
  outputOf,
  runMessage as run,
  startHarness,
} from './runner-harness.ts';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ maxRuns: 2, maxSessions: 4 });
});

afterAll(async () => {
  await h?.close();
});

/** A raw TCP client that completes the runner's WebSocket handshake by hand. */
async function rawRunnerSocket(): Promise<Socket> {
  const { port } = new URL(h.origin);
  const socket = connect(Number(port), '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(
    [
      'GET /__steady/runner HTTP/1.1',
      `Host: 127.0.0.1:${port}`,
      `Origin: ${h.origin}`,
      `Cookie: ${await h.cookie()}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
      'Sec-WebSocket-Version: 13',
      'Sec-WebSocket-Protocol: steady-runner',
      '',
      '',
    ].join('\r\n'),
  );
  const head = await new Promise<string>((resolve) => socket.once('data', (chunk) => resolve(String(chunk))));
  expect(head).toMatch(/^HTTP\/1\.1 101/);
  return socket;
}

/** The close code in the server's close frame, once it sends one. */
function closeCodeFrom(socket: Socket): Promise<number> {
  return new Promise((resolve, reject) => {
    let bytes = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      bytes = Buffer.concat([bytes, chunk]);
      // Frames from the server are unmasked: skip the hello text frame, find the close frame (0x88).
      let at = 0;
      while (at + 2 <= bytes.length) {
        const opcode = bytes[at]! & 0x0f;
        let length = bytes[at + 1]! & 0x7f;
        let start = at + 2;
        if (length === 126) {
          length = bytes.readUInt16BE(at + 2);
          start = at + 4;
        }
        if (start + length > bytes.length) return;
        if (opcode === 0x8) {
          resolve(bytes.readUInt16BE(start));
          return;
        }
        at = start + length;
      }
    });
    socket.once('close', () => reject(new Error('closed without a close frame')));
  });
}

/** Another page's run must carry on while one client misbehaves. */
async function serverStillServes(): Promise<void> {
  expect((await get(`${h.origin}/`)).status).toBe(200);
  const ws = await connected(h);
  try {
    const answer = collect(ws, (m) => m.type === 'error');
    ws.send(JSON.stringify({ type: 'ping' }));
    expect((await answer).at(-1)).toMatchObject({ type: 'error', message: 'unknown message type' });
  } finally {
    ws.close();
  }
}

describe('native runner: protocol errors close only their own connection', () => {
  it('takes a page that leaves by resetting its connection as a page that left, logging nothing', async () => {
    await waitUntil(() => h.site.runner!.sessions() === 0, 5000, 'earlier pages to close');
    const linesBefore = h.log.length;
    const leaving = await rawRunnerSocket();
    await waitUntil(() => h.site.runner!.sessions() === 1, 5000, 'the page to be connected');
    leaving.resetAndDestroy(); // a TCP reset, as a closing tab or a dropped network sends
    await waitUntil(() => h.site.runner!.sessions() === 0, 5000, 'the session to end');
    expect(h.log.slice(linesBefore)).toEqual([]);
    await serverStillServes();
  });

  it('closes a message over 4 MiB with 1009, logs one line, and serves everyone else', async () => {
    const bystander = await connected(h);
    const offender = await connected(h);
    const code = closed(offender);
    offender.send('x'.repeat(4 * 1024 * 1024 + 1));
    expect((await code).code).toBe(1009);
    expect(h.log.some((line) => /Max payload size exceeded/.test(line))).toBe(true);
    expect(bystander.readyState).toBe(bystander.OPEN);
    bystander.close();
    await serverStillServes();
  });

  it('closes a text message that is not UTF-8 with 1007', async () => {
    const offender = await connected(h);
    const code = closed(offender);
    offender.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    expect((await code).code).toBe(1007);
    await serverStillServes();
  });

  it('closes an unmasked frame and a reserved opcode with 1002', async () => {
    const unmasked = await rawRunnerSocket();
    const first = closeCodeFrom(unmasked);
    unmasked.write(Buffer.from([0x81, 0x02, 0x7b, 0x7d])); // text "{}" without the mask bit
    expect(await first).toBe(1002);
    unmasked.destroy();

    const reserved = await rawRunnerSocket();
    const second = closeCodeFrom(reserved);
    reserved.write(Buffer.from([0x83, 0x80, 1, 2, 3, 4])); // opcode 3 is reserved
    expect(await second).toBe(1002);
    reserved.destroy();
    await serverStillServes();
  });
});

describe('native runner: runs never outlive their page', () => {
  it('starts nothing for a page that closed while its previous run was stopping', async () => {
    const ws = await connected(h);
    const beating = collect(ws, (_m, all) => outputOf(all).includes('Heartbeat'), 40_000);
    ws.send(JSON.stringify(run({ id: 1, args: ['--rate', '100', '--beats', '1000'] })));
    await beating;
    // A second run makes the session stop the first; the page closes at once, mid-stop.
    ws.send(JSON.stringify(run({ id: 2, args: ['--rate', '100', '--beats', '1000'] })));
    ws.close();
    await waitUntil(
      () => h.site.runner!.sessions() === 0 && h.site.runner!.runs() === 0,
      20_000,
      'the session to end',
    );
    expect(liveChildren()).toBe(0);
  });
});

describe('native runner: bounded runs and pages', () => {
  it('starts N of N+1 concurrent runs and tells the last page why', async () => {
    const pages = await Promise.all([connected(h), connected(h), connected(h)]);
    const long = (id: number) => JSON.stringify(run({ id, args: ['--rate', '100', '--beats', '1000'] }));
    const first = pages.slice(0, 2).map((p) => collect(p, (m) => m.type === 'started', 40_000));
    pages[0]!.send(long(1));
    pages[1]!.send(long(2));
    await Promise.all(first);
    const refused = collect(pages[2]!, (m) => m.type === 'exit', 10_000);
    pages[2]!.send(long(3));
    const answer = await refused;
    expect(answer.find((m) => m.type === 'error')).toMatchObject({
      message: 'another run is going (2 of 2 on this machine): stop it first',
    });
    expect(answer.some((m) => m.type === 'started')).toBe(false);
    expect(liveChildren()).toBe(2);

    // Once a page stops its run, the waiting page can start.
    const stopped = collect(pages[0]!, (m) => m.type === 'exit', 20_000);
    pages[0]!.send(JSON.stringify({ type: 'stop', id: 1 }));
    await stopped;
    const started = collect(pages[2]!, (m) => m.type === 'started', 40_000);
    pages[2]!.send(long(4));
    await started;
    for (const page of pages) page.close();
    await waitUntil(() => liveChildren() === 0, 20_000, 'every run to be killed');
  });

  it('turns away pages beyond the limit with 1013 and a reason', async () => {
    const pages = await Promise.all([connected(h), connected(h), connected(h), connected(h)]);
    const extra = await connected(h);
    const why = await closed(extra);
    expect(why).toEqual({ code: 1013, reason: 'too many open lesson pages (4): close one' });
    for (const page of pages) page.close();
    await waitUntil(() => h.site.runner!.sessions() === 0, 5000, 'the pages to close');
  });
});

/** Sockets of this process on `port` in CLOSE-WAIT (the peer closed, we never did). */
function closeWaitOn(port: number): number {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  let count = 0;
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields[1]?.endsWith(`:${hex}`) && fields[3] === '08') count++;
    }
  }
  return count;
}

/** An upgrade request for `path`; resolves with the status line once the server answers and closes. */
function strayUpgrade(port: number, path: string, origin: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk));
    socket.once('error', reject);
    socket.once('end', () => {
      socket.end();
      resolve(answer.split('\r\n')[0] ?? '');
    });
    socket.write(
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${origin}\r\nUpgrade: websocket\r\n` +
        'Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
  });
}

describe('native runner: upgrades it does not take', () => {
  it('answers and closes them, with and without native mode, leaving no socket in CLOSE-WAIT', async () => {
    const plain = await startSiteServer({ native: false });
    try {
      for (const target of [h.origin, plain.url.replace(/\/$/, '')]) {
        const port = Number(new URL(target).port);
        const answers = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            strayUpgrade(port, `/elsewhere/${i}`, i % 2 ? target : 'https://evil.example'),
          ),
        );
        expect(new Set(answers)).toEqual(new Set(['HTTP/1.1 404 Not Found']));
        await waitUntil(() => closeWaitOn(port) === 0, 5000, `no CLOSE-WAIT sockets on ${port}`);
      }
    } finally {
      await plain.close();
    }
  });
});
