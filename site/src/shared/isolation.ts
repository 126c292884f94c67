/**
 * The cross-origin isolation headers (SharedArrayBuffer needs them), the same wherever the site is
 * served: by the local server and the dev server (`src/node/`), and by the Service Worker for a host
 * that sends none (`src/client/browser/sw-responses.ts`).
 */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
