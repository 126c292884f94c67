/**
 * vitest's `expect`, as vitest sets it up for its own workers: chai with the Jest-style matchers of
 * `@vitest/expect`, counting assertions and tied to the running test (so `.resolves` is awaited and
 * failures read exactly as they do under `vitest run`).
 */

import {
  ASYMMETRIC_MATCHERS_OBJECT,
  customMatchers,
  GLOBAL_EXPECT,
  getState,
  JestAsymmetricMatchers,
  JestChaiExpect,
  JestExtend,
  setState,
} from '@vitest/expect';
import { getCurrentTest } from '@vitest/runner';
import * as chai from 'chai';

chai.use(JestExtend);
chai.use(JestChaiExpect);
chai.use(JestAsymmetricMatchers);

type Expect = ((value: unknown, message?: string) => Chai.Assertion) & Record<string, unknown>;

function createExpect(): Expect {
  const expect = ((value: unknown, message?: string) => {
    const { assertionCalls } = getState(expect as never) as { assertionCalls: number };
    setState({ assertionCalls: assertionCalls + 1 }, expect as never);
    const assertion = chai.expect(value, message) as Chai.Assertion & {
      withTest(t: unknown): Chai.Assertion;
    };
    const test = getCurrentTest();
    return test ? assertion.withTest(test) : assertion;
  }) as Expect;
  Object.assign(expect, chai.expect);
  Object.assign(expect, (globalThis as Record<string | symbol, unknown>)[ASYMMETRIC_MATCHERS_OBJECT]);
  expect.getState = () => getState(expect as never);
  expect.setState = (state: object) => setState(state, expect as never);
  setState(
    {
      assertionCalls: 0,
      isExpectingAssertions: false,
      isExpectingAssertionsError: null,
      expectedAssertionsNumber: null,
      expectedAssertionsNumberErrorGen: null,
      currentTestName: '',
    },
    expect as never,
  );
  expect.assert = chai.assert;
  expect.extend = (matchers: object) =>
    (chai.expect as unknown as { extend: (e: unknown, m: object) => void }).extend(expect, matchers);
  expect.unreachable = (message?: string) => {
    chai.assert.fail(`expected${message ? ` "${message}" ` : ' '}not to be reached`);
  };
  (expect.extend as (m: object) => void)(customMatchers);
  return expect;
}

export const expect = createExpect();
Object.defineProperty(globalThis, GLOBAL_EXPECT, { value: expect, writable: true, configurable: true });
