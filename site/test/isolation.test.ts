/** Cross-origin isolation everywhere the site is served, and the path checks of the static server and of lesson pictures. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveLessonAsset } from '../src/node/lesson-assets.ts';
import { LESSONS_DIR } from '../src/node/lessons.ts';
import { resolveStatic } from '../src/node/serve.ts';
import { steadySitePlugin } from '../src/node/vite-plugin.ts';
import { ISOLATION_HEADERS } from '../src/shared/isolation.ts';

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

describe('lesson pictures', () => {
  const lessons = join(dist, 'lessons-root');
  const docs = join(lessons, '02-x', 'docs');
  mkdirSync(docs, { recursive: true });
  mkdirSync(join(lessons, '02-x', 'node_modules'));
  writeFileSync(join(docs, 'a.png'), 'png');
  writeFileSync(join(lessons, '02-x', 'node_modules', 'b.png'), 'png');
  writeFileSync(join(lessons, '02-x', 'package.json'), '{}');
  writeFileSync(join(dist, 'secret.png'), 'outside');
  symlinkSync(join(dist, 'secret.png'), join(docs, 'link.png'));

  it('resolves /lesson-assets/<lesson>/<path> to a picture inside that lesson, and nothing else', () => {
    expect(resolveLessonAsset('/lesson-assets/02-x/docs/a.png', lessons)).toBe(join(docs, 'a.png'));
    expect(resolveLessonAsset('/lesson-assets/02-x/docs/a.png?import', lessons)).toBe(join(docs, 'a.png'));
    for (const refused of [
      '/lesson-assets/02-x/docs/../../../secret.png', // `..` out of the lessons
      '/lesson-assets/02-x/docs/../docs/a.png', // not canonical
      '/lesson-assets/02-x//docs/a.png',
      '/lesson-assets/../secret.png',
      '/lesson-assets/02-x/package.json', // not a picture
      '/lesson-assets/02-x/docs/missing.png',
      '/lesson-assets/02-x/node_modules/b.png',
      '/lesson-assets/02-x/docs/link.png', // a symlink pointing out of the lesson
      '/lesson-assets/02-x/docs\\a.png',
      '/lesson-assets/02-x/docs/a.png\0',
      '/lesson-assets/not-a-lesson/a.png',
      '/elsewhere/02-x/docs/a.png',
    ]) {
      expect(resolveLessonAsset(refused, lessons), refused).toBeUndefined();
    }
  });

  it('the site plugin resolves lesson 02’s dashboard picture for Vite, and stops on a bad one', () => {
    const resolveId = steadySitePlugin().resolveId as (this: unknown, id: string) => string | undefined;
    const context = {
      error(message: string): never {
        throw new Error(message);
      },
    };
    expect(resolveId.call(context, '/lesson-assets/02-standard/docs/dashboard.png')).toBe(
      join(LESSONS_DIR, '02-standard', 'docs', 'dashboard.png'),
    );
    expect(() => resolveId.call(context, '/lesson-assets/02-standard/package.json')).toThrow(
      /no such picture/,
    );
    expect(() => resolveId.call(context, '/lesson-assets/02-standard/../../package.json')).toThrow();
    expect(resolveId.call(context, '/other.png')).toBeUndefined();
  });
});
