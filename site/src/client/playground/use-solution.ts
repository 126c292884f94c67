/**
 * The reference solution of the exercise in the editor: shown read-only, or compared side by side
 * with the learner's file; both only after the learner confirms in the page's own dialog.
 */
import type * as Monaco from 'monaco-editor';
import { computed, nextTick, shallowRef } from 'vue';
import { exerciseOf, solutionPathOf } from '../../shared/lesson.ts';
import type { LessonFiles } from './use-lesson-files.ts';

/** The page's confirmation dialog (`ConfirmDialog.vue`). */
export interface Asker {
  ask(question: { title: string; message: string; confirm: string }): Promise<boolean>;
}

export function useSolution(
  files: LessonFiles,
  asker: () => Asker | undefined,
  focusEditor: () => void,
  hasEditor: () => boolean,
) {
  /** The side-by-side comparison with the reference solution, while it is open. */
  const comparing = shallowRef<{
    yours: string;
    solution: string;
    models: { yours: Monaco.editor.ITextModel; solution: Monaco.editor.ITextModel };
  } | null>(null);
  const canShowSolution = computed(() => files.currentFile.value?.role === 'exercise');

  /** Asks first (the learner may want to keep trying). */
  function askAbout(path: string, confirm: string): Promise<boolean> {
    return (
      asker()?.ask({
        title: `The solution for ${exerciseOf(path)}`,
        message:
          'Try it yourself first: a passing test you wrote teaches more. Look at the reference solution now?',
        confirm,
      }) ?? Promise.resolve(false)
    );
  }

  async function show() {
    const file = files.currentFile.value;
    if (file?.role !== 'exercise') return;
    const solution = solutionPathOf(file.path);
    if (!(await askAbout(file.path, 'Show the solution'))) return;
    files.modelFor(solution, files.originalOf(solution));
    files.open(solution);
  }

  /** Your file on the left, the reference solution on the right, both read-only. */
  async function compare() {
    const file = files.currentFile.value;
    if (file?.role !== 'exercise' || !hasEditor()) return;
    const solution = solutionPathOf(file.path);
    if (!(await askAbout(file.path, 'Compare'))) return;
    comparing.value = {
      yours: file.path,
      solution,
      models: {
        yours: files.modelFor(file.path, file.content),
        solution: files.modelFor(solution, files.originalOf(solution)),
      },
    };
  }

  async function close() {
    comparing.value = null;
    // The editor is shown again on the next render; focus it once it is.
    await nextTick();
    focusEditor();
  }

  return { comparing, canShowSolution, show, compare, close };
}
