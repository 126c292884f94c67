/**
 * A loopback server for the browser tests, cross-origin isolated (COOP/COEP) like the course
 * site: `/steady/…` is the runtime's browser build (made in memory by the same options as
 * `npm run build:browser`), `/repo/…` serves the repository's TypeScript modules (test
 * fixtures, lessons) compiled to JavaScript one by one, their imports of the runtime and of
 * `node:url` / `node:worker_threads` pointed at the build, as the site's Service Worker does.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { browserBuildOptions, withWholeGraphImports } from '../../scripts/browser-bundle.ts';
import { checkBrowserBundle } from '../../scripts/check-browser-bundle.ts';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const RUNTIME_SRC = resolve(REPO, 'runtime/src');
/** Folders whose modules the page may load one by one. */
const SERVED = ['runtime/test/', 'lessons/'];

const BARE: Readonly<Record<string, string>> = {
  '@steady/runtime': '/steady/index.js',
  '@steady/runtime/testing': '/steady/testing.js',
  '@steady/runtime/browser-host': '/steady/browser-host.js',
  'node:url': '/steady/node/url.js',
  'node:worker_threads': '/steady/node/worker_threads.js',
};
const PUBLIC_DOORS: Readonly<Record<string, string>> = {
  [resolve(RUNTIME_SRC, 'index.ts')]: '/steady/index.js',
  [resolve(RUNTIME_SRC, 'testing/index.ts')]: '/steady/testing.js',
};

const PAGE = `<!doctype html><meta charset="utf-8"><title>runtime in the browser</title>
<script type="module" src="/repo/runtime/test/browser/page.ts"></script>`;

/** Every import stays a separate module, at the URL the page loads it from. */
const pointImportsAtUrls: Plugin = {
  name: 'imports-as-urls',
  setup(builder) {
    builder.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      const bare = BARE[args.path];
      if (bare) return { path: bare, external: true };
      if (args.path.startsWith('/')) return { path: args.path, external: true }; // already a URL path
      if (!args.path.startsWith('.'))
        return { errors: [{ text: `the browser test server has no URL for ${args.path}` }] };
      const target = resolve(args.resolveDir, args.path);
      const door = PUBLIC_DOORS[target];
      if (door) return { path: door, external: true };
      const path = relative(REPO, target).split(sep).join('/');
      if (!SERVED.some((folder) => path.startsWith(folder)))
        return {
          errors: [{ text: `${path} is not served to the page (import the runtime by its public door)` }],
        };
      return { path: `/repo/${path}`, external: true };
    });
  },
};

async function compileModule(path: string): Promise<string> {
  const result = await build({
    entryPoints: [resolve(REPO, path)],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    plugins: [pointImportsAtUrls],
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

/** A module with its npm dependencies inlined (for a source module of the runtime tested on its own). */
async function bundleModule(path: string): Promise<string> {
  const result = await build({
    entryPoints: [resolve(REPO, path)],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

export interface BrowserTestServer {
  readonly origin: string;
  close(): Promise<void>;
}

export async function startBrowserTestServer(): Promise<BrowserTestServer> {
  const outdir = resolve(REPO, 'runtime/dist/browser-test');
  const bundle = await build({
    ...browserBuildOptions(outdir),
    write: false,
    metafile: true,
    sourcemap: false,
  });
  const problems = checkBrowserBundle(bundle.metafile, outdir);
  if (problems.length > 0) throw new Error(`browser build is wrong:\n${problems.join('\n')}`);
  const built = new Map(
    bundle.outputFiles.map((f) => [
      `/steady/${relative(outdir, f.path).split(sep).join('/')}`,
      withWholeGraphImports(bundle.metafile, f.path, f.text),
    ]),
  );

  const answer = (res: ServerResponse, status: number, type: string, body: string) => {
    res.writeHead(status, {
      'content-type': type,
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
      'cross-origin-resource-policy': 'same-origin',
      'cache-control': 'no-store',
    });
    res.end(body);
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === '/') return answer(res, 200, 'text/html; charset=utf-8', PAGE);
    if (path === '/favicon.ico') return answer(res, 204, 'image/x-icon', '');
    const file = built.get(path);
    if (file !== undefined) return answer(res, 200, 'text/javascript; charset=utf-8', file);
    const served = path.replace(/^\/(repo|bundle)\//, '');
    const normal = relative(REPO, resolve(REPO, served)).split(sep).join('/');
    if (normal === served && served.endsWith('.ts')) {
      if (path.startsWith('/repo/') && SERVED.some((folder) => served.startsWith(folder)))
        return answer(res, 200, 'text/javascript; charset=utf-8', await compileModule(served));
      if (path.startsWith('/bundle/runtime/src/'))
        return answer(res, 200, 'text/javascript; charset=utf-8', await bundleModule(served));
    }
    return answer(res, 404, 'text/plain', `not found: ${path}\n`);
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => answer(res, 500, 'text/plain', String(error)));
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
