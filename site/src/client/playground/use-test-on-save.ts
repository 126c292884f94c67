/**
 * "Test on save": off unless the learner ticks it (remembered in this browser). When on, Ctrl/Cmd+S
 * in the editor grades the exercise whose file was saved, or the whole lesson for its other files,
 * one grading at a time (`save-grading.ts`).
 */
import { type Ref, ref, watch } from 'vue';
import { exerciseOf } from '../../shared/lesson.ts';
import { setTestOnSavePreference, testOnSavePreference } from './preferences.ts';
import { type GradeTarget, SaveGrader } from './save-grading.ts';

export interface TestOnSaveInputs {
  /** A grading is in progress, whoever started it. */
  readonly grading: Readonly<Ref<boolean>>;
  readonly test: (exercise?: string) => Promise<void>;
}

export function useTestOnSave(inputs: TestOnSaveInputs) {
  const enabled = ref(false);
  /** Saves handled so far (Ctrl/Cmd+S on an editable file), graded or not. */
  let saves = 0;
  const grader = new SaveGrader({
    grade: (target: GradeTarget) => inputs.test(target ?? undefined),
    idle: () =>
      new Promise<void>((resolve) => {
        if (!inputs.grading.value) return resolve();
        const stop = watch(inputs.grading, (grading) => {
          if (grading) return;
          stop();
          resolve();
        });
      }),
  });

  /** Reads the remembered choice (the playground exists only in the browser: called at its setup). */
  function restore() {
    enabled.value = testOnSavePreference();
  }

  function toggle(on: boolean) {
    enabled.value = on;
    setTestOnSavePreference(on);
  }

  /** The file at `path` was saved: grade its exercise (or the lesson) when the learner asked for it. */
  function saved(path: string) {
    saves += 1;
    if (enabled.value) grader.saved(exerciseOf(path) ?? null);
  }

  /** For the console handle: saves seen and what the queue holds. */
  function describe() {
    return { saves, enabled: enabled.value, ...grader.state() };
  }

  return { enabled, restore, toggle, saved, describe };
}
