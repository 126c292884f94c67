/**
 * The entry of a lesson program's worker in the browser build (`program-worker.js`): the
 * program worker, with the runtime's public entry and the `node:url` stand-in beside it (as
 * imports of their own output files, `./index.js` and `./node/url.js`: see `siblingEntries` in
 * scripts/browser-bundle.ts), since every program's `main.ts` imports `@steady/runtime` and the
 * lessons' `main.ts` `node:url`. Imported here, they arrive with the worker's own first wave of
 * modules, while the learner reads, instead of round trips after `main.ts` (see actor-thread.ts).
 */
import '../index.ts';
import '../platform/browser/node/url.ts';
import '../platform/browser/program-worker.ts';
