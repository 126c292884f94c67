/**
 * The Monaco editor of the playground: created once Monaco has loaded, with the playground's keys
 * (Ctrl/Cmd+Enter runs, Ctrl/Cmd+Shift+Enter tests, Escape stops while something runs, Ctrl/Cmd+S
 * saves) and the site's light or dark theme.
 */
import type * as Monaco from 'monaco-editor';
import { type Ref, watch } from 'vue';
import type { ShortcutCommand } from './focus.ts';
import { loadMonaco, type MonacoApi, startTypeChecking, THEMES } from './monaco.ts';

/** The id of the save action (`editor.trigger('keyboard', SAVE_ACTION, null)` runs it as Ctrl+S does). */
export const SAVE_ACTION = 'steady.save';

export interface EditorInputs {
  readonly host: () => HTMLElement;
  readonly dark: Ref<boolean>;
  /** Something runs: Escape in the editor then stops it instead of Monaco's own use. */
  readonly busy: Readonly<Ref<boolean>>;
  readonly shortcut: (command: ShortcutCommand) => void;
  readonly save: () => void;
}

export async function createPlaygroundEditor(
  inputs: EditorInputs,
): Promise<{ monaco: MonacoApi; editor: Monaco.editor.IStandaloneCodeEditor; dispose: () => void }> {
  const monaco = await loadMonaco();
  const editor = monaco.editor.create(inputs.host(), {
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: 13,
    scrollBeyondLastLine: false,
    theme: inputs.dark.value ? THEMES.dark : THEMES.light,
    tabSize: 2,
  });
  // Keys typed in the editor are the editor's. The site's own hotkeys listen on the window, and
  // Monaco's input is no text field to them: '/' would open the search mid-comment, Ctrl+K too.
  // Monaco reads keys on this same element, so stopping them here leaves its keybindings whole.
  const host = inputs.host();
  const keepKeys = (event: KeyboardEvent) => event.stopPropagation();
  host.addEventListener('keydown', keepKeys);
  const runningKey = editor.createContextKey('steadyRunning', inputs.busy.value);
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => inputs.shortcut('run'));
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.Enter, () =>
    inputs.shortcut('test'),
  );
  // Escape keeps closing Monaco's suggestions and find box; otherwise, while something runs, it stops it.
  editor.addCommand(
    monaco.KeyCode.Escape,
    () => inputs.shortcut('stop'),
    'steadyRunning && !suggestWidgetVisible && !findWidgetVisible && !parameterHintsVisible',
  );
  // An action rather than a bare command: it has an id the tests (and the command palette) can run.
  const save = editor.addAction({
    id: SAVE_ACTION,
    label: 'Save (and Test, when Test on save is on)',
    keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS],
    run: () => inputs.save(),
  });
  // The TypeScript worker starts at the learner's first sign of reading or writing the code.
  const checkerTriggers = [
    editor.onDidFocusEditorText(startTypeChecking),
    editor.onMouseMove(startTypeChecking),
    editor.onDidChangeModelContent(startTypeChecking),
  ];
  const stopWatching = [
    watch(inputs.busy, (running) => runningKey.set(running)),
    watch(inputs.dark, (dark) => monaco.editor.setTheme(dark ? THEMES.dark : THEMES.light)),
  ];
  return {
    monaco,
    editor,
    dispose: () => {
      for (const stop of stopWatching) stop();
      for (const trigger of checkerTriggers) trigger.dispose();
      host.removeEventListener('keydown', keepKeys);
      save.dispose();
      editor.dispose();
    },
  };
}
