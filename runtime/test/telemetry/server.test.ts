import { connect, createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { GraphBuilder, SoloAct } from '../../src/index.ts';
import { serve } from '../../src/telemetry/server.ts';
import { takeAll } from '../../src/testing/index.ts';
import { CountTo, Relay } from '../fixtures/actors.ts';

const routes = { dot: () => 'digraph G {}\n', metrics: () => '# HELP x y\n# TYPE x gauge\nx 1\n' };

describe('telemetry server', () => {
  it('serves the endpoints, 404s unknown paths, 405s other methods, answers HEAD without a body', async () => {
    const s = await serve(routes, '127.0.0.1', 0);
    try {
      const dot = await fetch(`${s.address}/graph.dot`);
      expect(dot.headers.get('content-type')).toMatch(/^text\/vnd\.graphviz/);
      expect(await dot.text()).toBe('digraph G {}\n');
      expect((await fetch(`${s.address}/nope`)).status).toBe(404);
      expect((await fetch(`${s.address}/metrics`, { method: 'POST' })).status).toBe(405);
      const head = await fetch(`${s.address}/metrics`, { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(await head.text()).toBe('');
      expect((await fetch(`${s.address}/`)).headers.get('content-type')).toMatch(/text\/html/);
    } finally {
      await s.close();
    }
  });

  it('survives a malformed request on a raw socket', async () => {
    const s = await serve(routes, '127.0.0.1', 0);
    try {
      const port = Number(new URL(s.address).port);
      const reply = await new Promise<string>((resolve) => {
        const sock = connect(port, '127.0.0.1', () => sock.write('GARBAGE \x00\x01 nonsense\r\n\r\n'));
        let data = '';
        sock.on('data', (d) => {
          data += d;
        });
        sock.on('close', () => resolve(data));
        sock.on('error', () => resolve(data));
      });
      expect(reply).toMatch(/^HTTP\/1\.1 400/);
      expect((await fetch(`${s.address}/metrics`)).status).toBe(200);
    } finally {
      await s.close();
    }
  });

  it('takes the next port when the asked one is busy', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const busy = (blocker.address() as { port: number }).port;
    try {
      const s = await serve(routes, '127.0.0.1', busy);
      expect(Number(new URL(s.address).port)).toBeGreaterThan(busy);
      await s.close();
    } finally {
      blocker.close();
    }
  });
});

describe('telemetry on a live graph', () => {
  it('is off in a test graph unless asked for', () => {
    const graph = GraphBuilder.forTesting().build({});
    graph.start();
    expect(graph.telemetry).toBeUndefined();
    graph.requestShutdown();
    return graph.blockUntilStopped(2000);
  });

  it('reports send_total and take_total matching what moved', async () => {
    const graph = GraphBuilder.forTesting().withTelemetry().build({});
    const [tx, rx] = graph.channelBuilder().withName('nums').withCapacity(8).build();
    const [outTx, outRx] = graph.channelBuilder().withName('out').withCapacity(4096).build();
    graph.actorBuilder().withName('producer').build(CountTo, [tx, 1000], SoloAct);
    graph.actorBuilder().withName('relay').build(Relay, [rx, outTx], SoloAct);
    graph.start();
    const address = await graph.telemetry?.address;
    expect(address).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    let got = 0;
    while (!outRx.isClosedAndEmpty()) {
      got += takeAll(outRx).length;
      await new Promise((r) => setTimeout(r, 2));
    }
    let metrics = '';
    while (!metrics.includes('take_total{from="relay",to="",channel="out"} 1000')) {
      metrics = await (await fetch(`${address}/metrics`)).text();
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(got).toBe(1000);
    expect(metrics).toContain('send_total{from="producer",to="relay",channel="nums"} 1000');
    expect(metrics).toContain('take_total{from="producer",to="relay",channel="nums"} 1000');
    const dot = await (await fetch(`${address}/graph.dot`)).text();
    expect(dot).toContain('rankdir=LR');
    expect(dot).toContain('producer');
    graph.requestShutdown();
    await graph.blockUntilStopped(2000);
  }, 10_000);
});
