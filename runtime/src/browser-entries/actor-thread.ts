/**
 * The entry of an actor thread in the browser build (`worker-host.js`): the shared worker host,
 * with the runtime's public entry beside it (an import of its output file, `./index.js`: see
 * `siblingEntries` in scripts/browser-bundle.ts).
 *
 * A worker's modules arrive one level of imports at a time, each level a round trip through the
 * Service Worker. Every actor's module imports `@steady/runtime` (`index.js` of this build), and
 * that only once the actor's module has arrived, which is only once the plan has. Imported here,
 * the runtime comes with the thread's own first wave of modules, and the actor's import finds it
 * loaded. The same code in the same worker is one module instance: nothing is loaded or
 * run twice.
 */
import '../index.ts';
import '../graph/worker-host.ts';
