import { connect, createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { GraphBuilder, SoloAct } from '../../src/index.ts';
import { DEFAULT_TELEMETRY_SETTINGS, startTelemetry } from '../../src/telemetry/index.ts';
import { type Routes, serve } from '../../src/telemetry/server.ts';
import { takeAll, waitUntil } from '../../src/testing/index.ts';
import { CountTo, Relay } from '../fixtures/actors.ts';
import { FakeGraph } from './fake-graph.ts';

const routes: Routes = {
  '/': { contentType: 'text/html; charset=utf-8', content: () => '<h1>hi</h1>' },
  '/graph.dot': { contentType: 'text/vnd.graphviz; charset=utf-8', content: () => 'digraph G {}\n' },
  '/metrics': {
    contentType: 'text/plain; version=0.0.4',
    content: async () => '# HELP x y\n# TYPE x gauge\nx 1\n',
  },
};

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

  it('answers 500 and keeps serving when a resource fails', async () => {
    const s = await serve(
      { ...routes, '/broken': { contentType: 'text/plain', content: () => Promise.reject(new Error('no')) } },
      '127.0.0.1',
      0,
    );
    try {
      expect((await fetch(`${s.address}/broken`)).status).toBe(500);
      expect((await fetch(`${s.address}/graph.dot`)).status).toBe(200);
      expect((await fetch(`${s.address}/toString`)).status).toBe(404); // not an inherited property
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

describe('telemetry routes', () => {
  it('serve the dashboard, which draws with the Graphviz module served from node_modules at /viz.js', async () => {
    const telemetry = startTelemetry(new FakeGraph(), { ...DEFAULT_TELEMETRY_SETTINGS, port: 0 });
    try {
      const address = await telemetry.address;
      const page = await fetch(`${address}/`);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const html = await page.text();
      expect(html).toContain('<h1>Telemetry</h1>');
      expect(html).toContain("import('./viz.js')");
      expect(html).toContain("fetch('graph.dot'");
      const viz = await fetch(`${address}/viz.js`);
      expect(viz.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      const module = await viz.text();
      expect(module).toMatch(/^\/\*!\nViz\.js 3\.31\.0/);
      expect(module).toContain('export { engines, formats, graphvizVersion, instance };');
      const metrics = await fetch(`${address}/metrics`);
      expect(metrics.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
      expect(await (await fetch(`${address}/graph.dot`)).text()).toMatch(/^digraph G \{/);
    } finally {
      await telemetry.stop();
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
    await waitUntil(
      () => {
        got += takeAll(outRx).length;
        return outRx.isClosedAndEmpty();
      },
      20_000,
      () => `the relay to close its output (${got} of 1000 arrived)`,
    );
    let metrics = '';
    await waitUntil(
      async () => {
        metrics = await (await fetch(`${address}/metrics`)).text();
        return metrics.includes('take_total{from="relay",to="",channel="out"} 1000');
      },
      20_000,
      'take_total of 1000 on the output in /metrics',
      50,
    );
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
