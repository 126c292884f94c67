/**
 * Lets the same exercise tests run against the reference solution or a known wrong answer.
 *
 * An exercise test imports the learner's file (`./heartbeat.ts`). For the variant `solution`
 * that import resolves to `./solution/heartbeat.ts`; for `wrong/<mistake>` to
 * `./wrong/<mistake>/heartbeat.ts` (or the solution's file when the wrong answer leaves it out).
 * The variant comes from the option, else from STEADY_EXERCISE_VARIANT. Plain JavaScript,
 * because vitest loads it while reading its config.
 */
import { basename, dirname, join } from 'node:path';
import { currentVariant, variantFile } from './variant.js';

/**
 * @param {{ variant?: string }} [options]
 * @returns {import('vite').Plugin}
 */
export function exerciseVariant(options = {}) {
  return {
    name: 'steady-exercise-variant',
    enforce: 'pre',
    async resolveId(source, importer, resolveOptions) {
      const variant = options.variant ?? currentVariant();
      if (variant === 'working' || !importer || !source.startsWith('./')) return null;
      if (!/[\\/]exercises[\\/][^\\/]+[\\/][^\\/]+\.test\.ts$/.test(importer)) return null;
      const exerciseDir = dirname(importer);
      // Only a file beside the test (`./x.ts`), never one in a sub-folder.
      if (dirname(join(exerciseDir, source)) !== exerciseDir) return null;
      const candidate = variantFile(exerciseDir, variant, basename(source));
      if (!candidate) return null;
      return this.resolve(candidate, importer, { ...resolveOptions, skipSelf: true });
    },
  };
}
