/**
 * Which file an exercise test should load for a variant of the learner's work.
 *
 * - `working` (or empty): the learner's own file, as it is on disk.
 * - `solution`: `solution/<file>`.
 * - `wrong/<mistake>`: `wrong/<mistake>/<file>`, or `solution/<file>` when that wrong answer
 *   leaves the file out (a wrong answer only carries the file it gets wrong).
 *
 * Plain JavaScript: vitest loads it while reading a lesson's config, and exercise tests use it too.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const WRONG = /^wrong\/[a-z0-9][a-z0-9-]*$/;

/** @param {string} variant */
export function isVariant(variant) {
  return variant === 'working' || variant === 'solution' || WRONG.test(variant);
}

/** The variant this process grades, from STEADY_EXERCISE_VARIANT (empty means `working`). */
export function currentVariant() {
  return process.env.STEADY_EXERCISE_VARIANT || 'working';
}

/**
 * The file to load instead of `<exerciseDir>/<fileName>` for this variant, or undefined to load
 * the learner's own file. An exercise without this wrong answer keeps the learner's file.
 * @param {string} exerciseDir
 * @param {string} variant
 * @param {string} fileName
 * @returns {string | undefined}
 */
export function variantFile(exerciseDir, variant, fileName) {
  if (!variant || variant === 'working') return undefined;
  const solution = join(exerciseDir, 'solution', fileName);
  if (variant === 'solution') return existsSync(solution) ? solution : undefined;
  if (!WRONG.test(variant)) return undefined;
  const folder = join(exerciseDir, variant);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) return undefined;
  const wrong = join(folder, fileName);
  if (existsSync(wrong)) return wrong;
  return existsSync(solution) ? solution : undefined;
}

/**
 * The learner's file for the current variant, as an absolute path: for exercise tests that do
 * not import the file but hand it to another tool (running a learner's own test file, say).
 * `exerciseDir` may be a `file:` URL (`new URL('./', import.meta.url)`), as in the browser
 * engine, whose own `learnerFile` takes the same arguments.
 * @param {string | URL} exerciseDir
 * @param {string} fileName
 */
export function learnerFile(exerciseDir, fileName) {
  const dir = typeof exerciseDir === 'string' ? exerciseDir : fileURLToPath(exerciseDir);
  return variantFile(dir, currentVariant(), fileName) ?? join(dir, fileName);
}
