/**
 * The lesson's files in the playground: which ones the list shows, one Monaco model per file, the
 * file open in the editor, the learner's edits kept in the browser, and the two resets.
 */
import type * as Monaco from 'monaco-editor';
import { computed, ref, shallowRef } from 'vue';
import { exerciseOf, isListedRole, type LessonBundle, type LessonFile } from '../../shared/lesson.ts';
import { hintsPathOf } from '../hints.ts';
import { EditStore } from '../storage.ts';
import { keyLineDecorations, languageOf, type MonacoApi, startTypeChecking } from './monaco.ts';

export type LessonFiles = ReturnType<typeof useLessonFiles>;

export function useLessonFiles(lessonId: string) {
  const bundle = shallowRef<LessonBundle | null>(null);
  const currentPath = ref('');
  /** Paths the learner changed (kept in the browser until reset). */
  const edited = ref<string[]>([]);
  const models = new Map<string, Monaco.editor.ITextModel>();
  let store: EditStore | undefined;
  let monaco: MonacoApi | undefined;
  let editor: Monaco.editor.IStandaloneCodeEditor | undefined;
  let decorations: Monaco.editor.IEditorDecorationsCollection | undefined;

  /** What the file list shows: the learner's files and the tests; solutions only on request. */
  const visibleFiles = computed<LessonFile[]>(() =>
    (bundle.value?.files ?? []).filter((f) => isListedRole(f.role)),
  );
  /** The list by folder: the lesson's own files first, then the exercises. */
  const groups = computed(() => {
    const out = new Map<string, LessonFile[]>();
    const sorted = [...visibleFiles.value].sort(
      (a, b) =>
        Number(a.path.startsWith('exercises/')) - Number(b.path.startsWith('exercises/')) ||
        a.path.localeCompare(b.path),
    );
    for (const file of sorted) {
      const folder = file.path.includes('/') ? file.path.slice(0, file.path.lastIndexOf('/')) : '.';
      out.set(folder, [...(out.get(folder) ?? []), file]);
    }
    return [...out.entries()];
  });
  const currentFile = computed(() => fileAt(currentPath.value));
  /** The exercise of the file in the editor (its solution included), with its hints if it has any. */
  const currentExercise = computed(() => {
    const id = exerciseOf(currentPath.value);
    const info = id ? bundle.value?.lesson.exercises.find((e) => e.id === id) : undefined;
    if (!info) return null;
    return { id: info.id, title: info.title, hints: originalOf(hintsPathOf(info.id)) };
  });

  function fileAt(path: string): LessonFile | undefined {
    return bundle.value?.files.find((f) => f.path === path);
  }

  function originalOf(path: string): string {
    return fileAt(path)?.content ?? '';
  }

  function refreshEdited() {
    edited.value = Object.keys(store?.all() ?? {});
  }

  /** The lesson is loaded: its edits are read and the editor opens the program's entry (or the first file). */
  function load(loaded: LessonBundle) {
    bundle.value = loaded;
    store = new EditStore(loaded.lesson.id);
    refreshEdited();
    currentPath.value =
      visibleFiles.value.find((f) => f.path === loaded.lesson.entry)?.path ??
      visibleFiles.value[0]?.path ??
      '';
  }

  /** The learner's current text of every editable file. */
  function currentEdits(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const file of bundle.value?.files ?? []) {
      const model = models.get(file.path);
      if (file.editable && model) out[file.path] = model.getValue();
    }
    return out;
  }

  function modelFor(path: string, content: string): Monaco.editor.ITextModel {
    let model = models.get(path);
    if (!model && monaco) {
      const uri = monaco.Uri.parse(`file:///lessons/${lessonId}/${path}`);
      model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(content, languageOf(path), uri);
      model.setValue(content);
      models.set(path, model);
    }
    return model!;
  }

  /** Monaco is there: a model per visible file (with the learner's saved text), edits saved as typed. */
  function attach(api: MonacoApi, created: Monaco.editor.IStandaloneCodeEditor): () => void {
    monaco = api;
    editor = created;
    decorations = editor.createDecorationsCollection();
    const saved = store?.all() ?? {};
    for (const file of visibleFiles.value) modelFor(file.path, saved[file.path] ?? file.content);
    // The learner's own code may have type errors to show at once (a lesson as shipped has none).
    if (Object.keys(saved).length > 0) startTypeChecking();
    const changes = editor.onDidChangeModelContent(() => {
      save();
      const model = editor?.getModel();
      if (monaco && model) decorations?.set(keyLineDecorations(monaco, model));
    });
    return () => changes.dispose();
  }

  /** Keeps the open file's text in the browser; false when it is read-only (nothing to save). */
  function save(): boolean {
    const file = currentFile.value;
    const model = editor?.getModel();
    if (!file?.editable || !model || !store) return false;
    store.save(file.path, model.getValue(), file.content);
    refreshEdited();
    return true;
  }

  function open(path: string) {
    currentPath.value = path;
    if (!editor || !monaco) return;
    const file = fileAt(path);
    const model = models.get(path) ?? modelFor(path, file?.content ?? '');
    editor.setModel(model);
    editor.updateOptions({ readOnly: !file?.editable });
    decorations?.set(keyLineDecorations(monaco, model));
  }

  function resetFile() {
    const file = currentFile.value;
    if (!file?.editable || !store) return;
    store.reset(file.path);
    models.get(file.path)?.setValue(file.content);
    refreshEdited();
  }

  /** Every file back to the lesson's version (the caller asks the learner first). */
  function resetAll() {
    store?.resetAll();
    for (const file of bundle.value?.files ?? [])
      if (file.editable) models.get(file.path)?.setValue(file.content);
    refreshEdited();
  }

  function dispose() {
    for (const model of models.values()) model.dispose();
    models.clear();
  }

  return {
    bundle,
    currentPath,
    edited,
    visibleFiles,
    groups,
    currentFile,
    currentExercise,
    originalOf,
    load,
    currentEdits,
    modelFor,
    attach,
    save,
    open,
    resetFile,
    resetAll,
    dispose,
  };
}
