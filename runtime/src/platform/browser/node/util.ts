/**
 * `node:util` in a browser, for what the bundle uses of it: `isDeepStrictEqual` (test helpers)
 * by `dequal`, which compares the same things (prototypes, Map, Set, Date, RegExp, typed arrays,
 * NaN) except that it does not tell 0 from -0; `format` and `inspect` (prom-client's error
 * messages) as console.log would print their arguments.
 */
import { dequal } from 'dequal';
import { formatArgs } from '../threads.ts';

export function isDeepStrictEqual(a: unknown, b: unknown): boolean {
  return dequal(a, b);
}
export function format(...args: unknown[]): string {
  return formatArgs(args);
}

export function inspect(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : formatArgs([value]);
}

export default { isDeepStrictEqual, format, inspect };
