/**
 * The entry of a lesson program's worker in the browser build (`program-worker.js`): the
 * program worker, with the runtime's public entry bundled beside it, since every program's
 * `main.ts` imports `@steady/runtime` (`index.js` of this build). Bundled here, the runtime's
 * code arrives with the worker's own chunks instead of a round trip after `main.ts` (see
 * actor-thread.ts).
 */
import '../index.ts';
import '../platform/browser/program-worker.ts';
