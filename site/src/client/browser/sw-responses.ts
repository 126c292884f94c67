/**
 * The Service Worker's responses. Pages, workers' scripts and what it makes itself carry the
 * cross-origin isolation headers, so workers and modules may use SharedArrayBuffer even where the
 * host sends no headers (after the first load).
 */

import { ISOLATION_HEADERS } from '../../shared/isolation.ts';

/** A module made here (compiled, or throwing), never cached by the browser. */
export function javascript(code: string, status = 200): Response {
  return new Response(code, {
    status,
    headers: {
      ...ISOLATION_HEADERS,
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'no-store',
    },
  });
}

/** A lesson file that is not a module, as text, never cached by the browser. */
export function plainText(text: string): Response {
  return new Response(text, {
    headers: {
      ...ISOLATION_HEADERS,
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': 'no-store',
    },
  });
}

/**
 * Whether the answer to `request` must carry the isolation headers itself: a page does, and a
 * worker's own script (each sets the policy of what it loads; Chromium lets a dedicated worker
 * inherit its page's, the specification asks for the script's own); a same-origin module, style
 * sheet or font loads under the policy of whoever asked for it. The modules a module worker
 * imports are asked for with the worker's destination too, but in `cors` mode: only its top-level
 * script is `same-origin`. Wrapping them all (a first Run's program worker imports 20 of the
 * runtime's chunks) was most of this worker's JavaScript while the program worker loaded: 415 of
 * its 919 profile samples in a traced first visit.
 */
export function needsIsolation(request: Request): boolean {
  if (request.mode === 'navigate') return true;
  const worker = request.destination === 'worker' || request.destination === 'sharedworker';
  return worker && request.mode === 'same-origin';
}

/** Statuses whose response has no body (a Response made with one throws). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/**
 * The same response with the isolation headers added (a fresh Response also drops `redirected`).
 * The body is read whole by the browser and handed over as it is: a body passed on as a stream
 * (`new Response(response.body)`) went through this worker's JavaScript chunk by chunk, the
 * busiest work of a first visit when every file was served that way.
 */
export async function withIsolation(response: Response): Promise<Response> {
  if (response.type === 'opaque' || response.type === 'opaqueredirect' || response.status === 0)
    return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) headers.set(name, value);
  const body = NULL_BODY.has(response.status) ? null : await response.blob();
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}
