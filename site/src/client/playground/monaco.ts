/**
 * Loads Monaco on demand (its chunks are lazy: a lesson page without the playground in view pays
 * nothing): workers bundled the Vite way, the runtime's TypeScript sources as extra libraries so
 * hover, completion and type errors work on lesson code, and shiki's themes so the editor matches
 * the page's code blocks.
 */
import type * as Monaco from 'monaco-editor';
import { KEY_MARKER } from '../../shared/markers.ts';
import { withReadableTokens } from './contrast.ts';

export type MonacoApi = typeof Monaco;

let loading: Promise<MonacoApi> | undefined;

/**
 * The editor's TypeScript worker (type errors, hover, completion) starts when the learner first
 * needs it: on a focus, a pointer over the code, an edit, or edits kept from an earlier visit (see
 * `startTypeChecking`). Its start parses seven megabytes of script and then checks the lesson
 * against the runtime's sources: seconds of a core, which on a small machine a Run pressed right
 * after the page opens would share. A lesson as shipped has no type error to show, so nothing is
 * lost by waiting for the learner.
 */
let checkerWanted: () => void = () => undefined;
const checkerStarts = new Promise<void>((resolve) => {
  checkerWanted = resolve;
});

/** Lets the editor's TypeScript worker start (once; later calls do nothing). */
export function startTypeChecking(): void {
  checkerWanted();
}

export const THEMES = { light: 'github-light', dark: 'github-dark' } as const;

export function loadMonaco(): Promise<MonacoApi> {
  loading ??= (async () => {
    const [monaco, { default: EditorWorker }, { default: TsWorker }] = await Promise.all([
      import('monaco-editor'),
      import('monaco-editor/editor/editor.worker.js?worker'),
      import('monaco-editor/languages/features/typescript/ts.worker.js?worker'),
    ]);
    (globalThis as { MonacoEnvironment?: unknown }).MonacoEnvironment = {
      // Monaco takes a promised worker: its requests wait until the worker is there.
      getWorker: (_id: string, label: string) =>
        label === 'typescript' || label === 'javascript'
          ? checkerStarts.then(() => new TsWorker())
          : new EditorWorker(),
    };
    await Promise.all([configureTypeScript(monaco), applyShikiThemes(monaco)]);
    return monaco;
  })();
  return loading;
}

async function configureTypeScript(monaco: MonacoApi): Promise<void> {
  const ts = monaco.typescript;
  const defaults = ts.typescriptDefaults;
  defaults.setCompilerOptions({
    target: ts.ScriptTarget.ESNext,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.NodeJs,
    allowImportingTsExtensions: true,
    strict: true,
    // Third-party callback types are not loaded into the editor; `tsc` at the root checks them.
    noImplicitAny: false,
    noEmit: true,
    allowNonTsExtensions: true,
    esModuleInterop: true,
    skipLibCheck: true,
    lib: ['es2023', 'dom'],
  });
  // Node's own modules and third-party packages are not loaded into the editor: "cannot find module"
  // and friends would only be noise. Everything of the runtime is typed.
  defaults.setDiagnosticsOptions({ diagnosticCodesToIgnore: [2307, 2792, 7016, 2580, 2591, 2709] });
  const { default: support } = await import('virtual:steady/support');
  for (const [path, content] of Object.entries(support)) {
    if (!path.startsWith('runtime/src/') || !path.endsWith('.ts')) continue;
    defaults.addExtraLib(content, `file:///node_modules/@steady/runtime/${path.slice('runtime/'.length)}`);
  }
  defaults.addExtraLib(
    "export * from './src/index.ts';\n",
    'file:///node_modules/@steady/runtime/index.d.ts',
  );
  defaults.addExtraLib(
    "export * from '../src/testing/index.ts';\n",
    'file:///node_modules/@steady/runtime/testing/index.d.ts',
  );
  defaults.addExtraLib(
    [
      // Shorthand ambient modules: any named import is allowed and typed `any`.
      "declare module 'node:*';",
      "declare module 'vitest';",
      "declare module 'commander';",
      "declare module 'pino';",
      'declare const process: any;',
    ].join('\n'),
    'file:///node_modules/@types/steady-shims/index.d.ts',
  );
}

async function applyShikiThemes(monaco: MonacoApi): Promise<void> {
  const [{ createHighlighterCore }, { createJavaScriptRawEngine }, { shikiToMonaco }] = await Promise.all([
    import('shiki/core'),
    import('shiki/engine/javascript'),
    import('@shikijs/monaco'),
  ]);
  const [{ default: light }, { default: dark }] = await Promise.all([
    import('shiki/themes/github-light.mjs'),
    import('shiki/themes/github-dark.mjs'),
  ]);
  const highlighter = await createHighlighterCore({
    themes: [withReadableTokens(light), withReadableTokens(dark)],
    // Grammars with their regular expressions already turned into JavaScript ones: translating
    // them in the page cost some 200 ms of its main thread while the editor was being made.
    langs: [
      import('@shikijs/langs-precompiled/typescript'),
      import('@shikijs/langs-precompiled/json'),
      import('@shikijs/langs-precompiled/markdown'),
    ],
    engine: createJavaScriptRawEngine(),
  });
  for (const id of ['typescript', 'json', 'markdown']) monaco.languages.register({ id });
  shikiToMonaco(highlighter, monaco);
}

export function languageOf(path: string): string {
  if (path.endsWith('.ts')) return 'typescript';
  if (path.endsWith('.json')) return 'json';
  if (path.endsWith('.md')) return 'markdown';
  return 'plaintext';
}

/** Key-idea lines (ending in the marker) get a highlight, as on the page. */
export function keyLineDecorations(
  monaco: MonacoApi,
  model: Monaco.editor.ITextModel,
): Monaco.editor.IModelDeltaDecoration[] {
  const out: Monaco.editor.IModelDeltaDecoration[] = [];
  for (let line = 1; line <= model.getLineCount(); line++) {
    if (model.getLineContent(line).includes(KEY_MARKER))
      out.push({
        range: new monaco.Range(line, 1, line, 1),
        options: {
          isWholeLine: true,
          className: 'steady-key-line',
          linesDecorationsClassName: 'steady-key-gutter',
        },
      });
  }
  return out;
}
