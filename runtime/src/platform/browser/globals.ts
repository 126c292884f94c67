/**
 * Globals of Node that bundled code uses, for the browser build: esbuild's `inject` turns every
 * free `process`, `Buffer`, `setImmediate`, `setTimeout`, `clearTimeout` and `setInterval` in
 * the bundle into imports of these. `Buffer` is the `buffer` package, Node's Buffer API for browsers (the
 * Aeron code in the bundle makes empty buffers when it loads, though it never runs there).
 */
export { Buffer } from 'buffer';
export { setImmediate } from './immediate.ts';
export { process } from './process.ts';
export { clearTimeout, setInterval, setTimeout } from './timers.ts';
