/** Cross-origin isolation everywhere the site is served, and the static server's own path checks. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveStatic } from '../src/node/serve.ts';
import { ISOLATION_HEADERS, steadySitePlugin } from '../src/node/vite-plugin.ts';

const dist = mkdtempSync(join(tmpdir(), 'steady-static-'));
mkdirSync(join(dist, 'lessons'));
writeFileSync(join(dist, 'index.html'), 'home');
writeFileSync(join(dist, 'lessons', '01-minimum.html'), 'lesson');
afterAll(() => rmSync(dist, { recursive: true, force: true }));

describe('cross-origin isolation', () => {
  it('the dev server middleware sets COOP/COEP on every response (VitePress HTML included)', () => {
    const plugin = steadySitePlugin();
    let middleware: ((req: unknown, res: ServerResponse, next: () => void) => void) | undefined;
    const server = {
      middlewares: {
        use: (fn: typeof middleware) => {
          middleware = fn;
        },
      },
    };
    (plugin.configureServer as (s: unknown) => void)(server);
    const headers: Record<string, string> = {};
    let nextCalled = false;
    middleware!(
      {},
      {
        setHeader: (k: string, v: string) => {
          headers[k] = v;
        },
      } as unknown as ServerResponse,
      () => {
        nextCalled = true;
      },
    );
    expect(headers).toEqual(ISOLATION_HEADERS);
    expect(headers['Cross-Origin-Embedder-Policy']).toBe('require-corp');
    expect(nextCalled).toBe(true);
  });

  it('production ships the headers for Netlify / Cloudflare Pages', () => {
    const file = readFileSync(new URL('../pages/public/_headers', import.meta.url), 'utf8');
    expect(file).toMatch(/^\/\*$/m);
    expect(file).toContain('Cross-Origin-Opener-Policy: same-origin');
    expect(file).toContain('Cross-Origin-Embedder-Policy: require-corp');
  });
});

describe('static files', () => {
  it('serves clean URLs and refuses to leave the build folder', () => {
    expect(resolveStatic(dist, '/')).toBe(join(dist, 'index.html'));
    expect(resolveStatic(dist, '/lessons/01-minimum')).toBe(join(dist, 'lessons', '01-minimum.html'));
    expect(resolveStatic(dist, '/lessons/01-minimum?x=1')).toBe(join(dist, 'lessons', '01-minimum.html'));
    expect(resolveStatic(dist, '/../../etc/passwd')).toBeUndefined();
    expect(resolveStatic(dist, '/%2e%2e/%2e%2e/etc/passwd')).toBeUndefined();
    expect(resolveStatic(dist, '/%00')).toBeUndefined();
    expect(resolveStatic(dist, '/%E0%A4%A')).toBeUndefined();
  });
});
