/**
 * The dashboard's static files: its page and the Graphviz module it draws with. Each is read
 * on its first request and kept, so a graph that nobody watches pays nothing. Only the Node
 * runtime serves them; in a browser the host draws the telemetry itself.
 */
import { platform } from '#platform';

export interface Asset {
  readonly contentType: string;
  content(): Promise<Uint8Array>;
}

function fileAsset(locate: () => URL, contentType: string): Asset {
  let content: Promise<Uint8Array> | undefined;
  return {
    contentType,
    content() {
      // A failed read is not kept: the next request tries again.
      content ??= platform.readPackageFile(locate).catch((e: unknown) => {
        content = undefined;
        throw e;
      });
      return content;
    },
  };
}

export const DASHBOARD_PAGE: Asset = fileAsset(
  () => new URL('./dashboard.html', import.meta.url),
  'text/html; charset=utf-8',
);

/**
 * `@viz-js/viz` resolved as an ES module import resolves it: its `dist/viz.js`, a single
 * self-contained module (Graphviz compiled to WebAssembly, inlined), so the browser needs no
 * other file and no CDN.
 */
export const VIZ_MODULE: Asset = fileAsset(
  () => new URL(import.meta.resolve('@viz-js/viz')),
  'text/javascript; charset=utf-8',
);
