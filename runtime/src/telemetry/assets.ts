/**
 * The dashboard's static files: its page and the Graphviz module it draws with. Each is read
 * from disk on its first request and kept, so a graph that nobody watches pays nothing.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export interface Asset {
  readonly contentType: string;
  content(): Promise<Buffer>;
}

function fileAsset(locate: () => string, contentType: string): Asset {
  let content: Promise<Buffer> | undefined;
  return {
    contentType,
    content() {
      // A failed read is not kept: the next request tries again.
      content ??= readFile(locate()).catch((e: unknown) => {
        content = undefined;
        throw e;
      });
      return content;
    },
  };
}

export const DASHBOARD_PAGE: Asset = fileAsset(
  () => fileURLToPath(new URL('./dashboard.html', import.meta.url)),
  'text/html; charset=utf-8',
);

/**
 * `@viz-js/viz` resolved as an ES module import resolves it: its `dist/viz.js`, a single
 * self-contained module (Graphviz compiled to WebAssembly, inlined), so the browser needs no
 * other file and no CDN.
 */
export const VIZ_MODULE: Asset = fileAsset(
  () => fileURLToPath(import.meta.resolve('@viz-js/viz')),
  'text/javascript; charset=utf-8',
);
