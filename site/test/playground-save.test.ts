/**
 * Test on save without a browser: one grading at a time, a save during a grading leaves exactly one
 * more to do (the exercise saved, or the whole lesson when saves named different ones), and the
 * remembered choices read back only values of ours.
 */
import { describe, expect, it } from 'vitest';
import {
  LAYOUT_KEY,
  layoutPreference,
  setLayoutPreference,
  setTestOnSavePreference,
  TEST_ON_SAVE_KEY,
  testOnSavePreference,
} from '../src/client/playground/preferences.ts';
import { type GradeTarget, mergeTargets, SaveGrader } from '../src/client/playground/save-grading.ts';
import { memoryStore } from './doubles.ts';

/** A grader whose gradings end only when the test says so, recording what ran and how many at once. */
function controlledGrader() {
  const graded: GradeTarget[] = [];
  const finishers: (() => void)[] = [];
  let running = 0;
  let mostAtOnce = 0;
  let idleWaiters: (() => void)[] = [];
  const grader = new SaveGrader({
    grade: (target) =>
      new Promise<void>((resolve) => {
        graded.push(target);
        running += 1;
        mostAtOnce = Math.max(mostAtOnce, running);
        finishers.push(() => {
          running -= 1;
          resolve();
          const waiters = idleWaiters;
          idleWaiters = [];
          for (const wake of waiters) wake();
        });
      }),
    idle: () => (running === 0 ? Promise.resolve() : new Promise((resolve) => idleWaiters.push(resolve))),
  });
  /** Ends the grading in progress and lets the queue take its next step. */
  const finish = async () => {
    finishers.shift()?.();
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  const settle = async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { grader, graded, finish, settle, mostAtOnce: () => mostAtOnce };
}

describe('test on save', () => {
  it('grades the saved exercise at once when nothing else is grading', async () => {
    const { grader, graded, finish, settle } = controlledGrader();
    grader.saved('03-validate-rate');
    await settle();
    expect(graded).toEqual(['03-validate-rate']);
    expect(grader.state()).toEqual({ pending: false, grading: true, started: 1 });
    await finish();
    expect(grader.state()).toEqual({ pending: false, grading: false, started: 1 });
  });

  it('queues one grading, not one per save, while a grading runs; never two at once', async () => {
    const { grader, graded, finish, settle, mostAtOnce } = controlledGrader();
    grader.saved('03-validate-rate');
    await settle();
    for (let i = 0; i < 5; i++) grader.saved('03-validate-rate');
    await settle();
    expect(grader.state()).toMatchObject({ pending: true, grading: true, started: 1 });
    await finish();
    expect(graded).toEqual(['03-validate-rate', '03-validate-rate']);
    await finish();
    expect(grader.state()).toEqual({ pending: false, grading: false, started: 2 });
    expect(mostAtOnce()).toBe(1);
  });

  it('grades the whole lesson when the saves waiting named different exercises', async () => {
    const { grader, graded, finish, settle } = controlledGrader();
    grader.saved(null);
    await settle();
    grader.saved('01-stop-after-beats');
    grader.saved('03-validate-rate');
    await finish();
    expect(graded).toEqual([null, null]);
    expect(mergeTargets('01-a', '01-a')).toBe('01-a');
    expect(mergeTargets(null, '01-a')).toBeNull();
  });

  it('waits for a grading it did not start (Test pressed by hand) before grading', async () => {
    let handGrading = true;
    let wake: (() => void) | undefined;
    const graded: GradeTarget[] = [];
    const grader = new SaveGrader({
      grade: async (target) => void graded.push(target),
      idle: () => (handGrading ? new Promise<void>((resolve) => (wake = resolve)) : Promise.resolve()),
    });
    grader.saved('02-respect-shutdown');
    await Promise.resolve();
    expect(graded).toEqual([]);
    expect(grader.state().pending).toBe(true);
    handGrading = false;
    wake?.();
    await new Promise((resolve) => setImmediate(resolve));
    expect(graded).toEqual(['02-respect-shutdown']);
  });

  it('goes on after a grading that failed', async () => {
    const graded: GradeTarget[] = [];
    const grader = new SaveGrader({
      grade: async (target) => {
        graded.push(target);
        throw new Error('runner gone');
      },
      idle: () => Promise.resolve(),
    });
    grader.saved('a');
    await new Promise((resolve) => setImmediate(resolve));
    grader.saved('b');
    await new Promise((resolve) => setImmediate(resolve));
    expect(graded).toEqual(['a', 'b']);
    expect(grader.state()).toEqual({ pending: false, grading: false, started: 2 });
  });
});

describe('the playground’s remembered choices', () => {
  it('test on save is off until ticked, and read back as ticked', () => {
    const store = memoryStore();
    expect(testOnSavePreference(store)).toBe(false);
    setTestOnSavePreference(true, store);
    expect(testOnSavePreference(store)).toBe(true);
    setTestOnSavePreference(false, store);
    expect(testOnSavePreference(store)).toBe(false);
    store.data.set(TEST_ON_SAVE_KEY, 'yes please');
    expect(testOnSavePreference(store)).toBe(false);
  });

  it('the layout is side by side unless the learner chose stacked; anything else stored is ignored', () => {
    const store = memoryStore();
    expect(layoutPreference(store)).toBe('side');
    setLayoutPreference('stacked', store);
    expect(layoutPreference(store)).toBe('stacked');
    store.data.set(LAYOUT_KEY, '<script>');
    expect(layoutPreference(store)).toBe('side');
  });
});
