import { it } from 'vitest';

it('the worker drops the poison value and loses or repeats nothing around it', async () => {
  // TODO: put the real worker (planned failures on) between simulated actors, feed it the
  // poison value with a neighbour on each side, and let the logger expect what a robust worker
  // sends. See the README of this exercise.
});
