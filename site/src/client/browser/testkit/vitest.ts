/**
 * What `import … from 'vitest'` gives a test file in the browser engine: vitest's own runner
 * (`@vitest/runner`) and `expect` (`@vitest/expect` on chai). No `vi` mocks: the course's tests
 * use none.
 */
export {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  it,
  onTestFailed,
  onTestFinished,
  suite,
  test,
} from '@vitest/runner';
export { expect } from './expect.ts';
