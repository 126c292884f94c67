/**
 * A plain static host for the built site, as Netlify or a school's nginx would be: files from the
 * folder, clean URLs (`/a` → `a.html`), and the headers of the build's `_headers` file, nothing else.
 * No runner, no Node-side help: what the browser engine gets on any static host.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/** The `/*` block of a Netlify-style `_headers` file. */
export function headersFromFile(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  let inAll = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || !line.trim()) continue;
    if (!/^\s/.test(line)) inAll = line.trim() === '/*';
    else if (inAll) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
    }
  }
  return headers;
}

export interface StaticHost {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves `root`. With `sendHeaders: false` it ignores `_headers`, as GitHub Pages does (it cannot
 * send headers): the Service Worker must then make the page cross-origin isolated itself.
 */
export async function startStaticHost(root: string, { sendHeaders = true } = {}): Promise<StaticHost> {
  const headers = sendHeaders ? headersFromFile(readFileSync(join(root, '_headers'), 'utf8')) : {};
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(root, path));
    const candidates = path.endsWith('/') ? [join(file, 'index.html')] : [file, `${file}.html`];
    const found = candidates.find((c) => c.startsWith(root + sep) && existsSync(c) && statSync(c).isFile());
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    if (!found || path.includes('\0')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(found)] ?? 'application/octet-stream' });
    res.end(readFileSync(found));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
