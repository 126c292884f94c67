/**
 * Builds Monaco with what the course edits only. `import 'monaco-editor'` registers some 80
 * languages (each a lazy chunk) and the CSS, HTML and JSON language services (each with a worker
 * of 0.4-1 MB): none of it is ever loaded, since the playground lists TypeScript files only
 * (`isListedRole`) and shiki colours them, but all of it would be built, listed for the Service
 * Worker and downloaded by every first visit to be available offline. This plugin gives those
 * modules an empty body.
 *
 * It also keeps Monaco from building its TypeScript worker a second time. The playground makes that
 * worker itself (`MonacoEnvironment.getWorker` in `playground/monaco.ts`, so that it starts only
 * when the learner needs it), and Monaco then never calls its own `new Worker(new URL(...))`; but
 * Vite bundles every such expression it sees, and the two bundles of the same seven megabytes ran
 * side by side, a quarter of the site's build time.
 */
import type { Plugin } from './vite-plugin.ts';

/** Monaco's language definitions kept. */
const KEPT_DEFINITIONS = new Set(['typescript', 'javascript', 'markdown']);
/** Monaco's language services kept (the TypeScript one checks lesson code as the learner types). */
const KEPT_FEATURES = new Set(['typescript']);

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

/** The module of Monaco's TypeScript service that would make its worker itself. */
export const TS_WORKER_MANAGER =
  /\/monaco-editor\/esm\/vs\/languages\/features\/typescript\/workerManager\.js$/;
const OWN_TS_WORKER = /new Worker\(\s*new URL\(\s*['"]ts\.worker\.js['"],\s*import\.meta\.url\s*\)[^)]*\)/;

/**
 * Monaco's TypeScript worker manager without its own worker: the call that would make one throws
 * instead (it is never made while the playground's `getWorker` is there). Throws if Monaco's code
 * no longer has the expression, so that an upgrade cannot bring the second build back unseen.
 */
export function withoutOwnTsWorker(code: string): string {
  if (!OWN_TS_WORKER.test(code))
    throw new Error(
      "steady-monaco-languages: Monaco's TypeScript worker manager no longer makes its worker with `new Worker(new URL('ts.worker.js', import.meta.url))`; update src/node/monaco-languages.ts",
    );
  return code.replace(
    OWN_TS_WORKER,
    '(() => { throw new Error("the playground makes the TypeScript worker (MonacoEnvironment.getWorker)"); })()',
  );
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
    transform(code, id) {
      return TS_WORKER_MANAGER.test(id) ? withoutOwnTsWorker(code) : undefined;
    },
  };
}
