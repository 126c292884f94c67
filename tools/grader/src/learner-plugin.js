/**
 * Swaps one module for another wherever it is imported: how a learner's own test is run
 * against a correct actor and against buggy stand-ins. Plain JavaScript: vitest loads it
 * while reading its config.
 */
import { basename } from 'node:path';

/**
 * @param {string} subject absolute path of the module to replace
 * @param {string | null} replacement absolute path of its stand-in; null keeps the subject
 * @returns {import('vite').Plugin}
 */
export function swapModule(subject, replacement) {
  const name = basename(subject);
  return {
    name: 'steady-swap-module',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!replacement || !importer || basename(source) !== name) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved?.id === subject ? replacement : null;
    },
  };
}
