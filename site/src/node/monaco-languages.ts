/**
 * Builds Monaco with the languages the course edits only. `import 'monaco-editor'` registers some
 * 80 languages (each a lazy chunk) and the CSS and HTML language services (each with a worker of
 * 0.7-1 MB): none of it is ever loaded, since lesson files are TypeScript, JSON and Markdown and
 * shiki colours them, but all of it would be built, listed for the Service Worker and downloaded
 * by every first visit to be available offline. This plugin gives those modules an empty body.
 */
import type { Plugin } from './vite-plugin.ts';

/** Monaco's language definitions kept (JSON has no definition, only the language service). */
const KEPT_DEFINITIONS = new Set(['typescript', 'javascript', 'markdown']);
/** Monaco's language services kept (the TypeScript one checks lesson code as the learner types). */
const KEPT_FEATURES = new Set(['typescript', 'json']);

const UNUSED = '\0steady:unused-monaco-language';
const REGISTRATION = /\/languages\/(definitions|features)\/([^/]+)\/register\.js$/;

/** Whether `id`, imported by `importer`, is a Monaco language registration the course leaves out. */
export function isUnusedMonacoLanguage(id: string, importer: string | undefined): boolean {
  if (!importer?.includes('/monaco-editor/')) return false;
  const match = REGISTRATION.exec(id);
  if (!match) return false;
  const [, kind, language] = match;
  return !(kind === 'definitions' ? KEPT_DEFINITIONS : KEPT_FEATURES).has(language ?? '');
}

export function monacoLanguagesPlugin(): Plugin {
  return {
    name: 'steady-monaco-languages',
    enforce: 'pre',
    apply: 'build',
    resolveId(id, importer) {
      return isUnusedMonacoLanguage(id, importer) ? UNUSED : undefined;
    },
    load(id) {
      return id === UNUSED ? 'export {};\n' : undefined;
    },
  };
}
