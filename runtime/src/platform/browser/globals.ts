/**
 * Globals of Node that bundled code uses, for the browser build: esbuild's `inject` turns every
 * free `process`, `setImmediate`, `setTimeout` and `setInterval` in the bundle into imports of these.
 */
export { setImmediate } from './immediate.ts';
export { process } from './process.ts';
export { setInterval, setTimeout } from './timers.ts';
