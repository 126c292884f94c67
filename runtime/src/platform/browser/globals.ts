/**
 * Globals of Node that bundled code uses, for the browser build: esbuild's `inject` turns every
 * free `process` and `setImmediate` in the bundle into imports of these.
 */

export { setImmediate } from './immediate.ts';
export { process } from './process.ts';
