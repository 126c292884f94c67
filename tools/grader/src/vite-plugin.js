/**
 * Lets the same exercise tests run against the reference solution.
 *
 * An exercise test imports the learner's file (`./heartbeat.ts`). When
 * STEADY_EXERCISE_VARIANT=solution, that import resolves to `./solution/heartbeat.ts`
 * instead, so the suite can prove each exercise: fails on the starter, passes on the
 * solution. Plain JavaScript, because vitest loads it while reading its config.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** @returns {import('vite').Plugin} */
export function exerciseVariant() {
  return {
    name: 'steady-exercise-variant',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (process.env.STEADY_EXERCISE_VARIANT !== 'solution' || !importer || !source.startsWith('./'))
        return null;
      if (!/[\\/]exercises[\\/][^\\/]+[\\/][^\\/]+\.test\.ts$/.test(importer)) return null;
      const candidate = join(dirname(importer), 'solution', basename(source));
      if (dirname(join(dirname(importer), source)) !== dirname(importer) || !existsSync(candidate))
        return null;
      return this.resolve(candidate, importer, { ...options, skipSelf: true });
    },
  };
}
