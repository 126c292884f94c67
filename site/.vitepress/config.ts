import { join } from 'node:path';
import { defineConfig } from 'vitepress';
import { LAYOUT_HEAD_SCRIPT } from '../src/client/playground/preferences.ts';
import { addBrowserEngine } from '../src/node/browser-bundles.ts';
import { listLessonIds, readLessonInfo } from '../src/node/lessons.ts';
import { keyLineTransformer } from '../src/node/marker-transformer.ts';
import { monacoLanguagesPlugin } from '../src/node/monaco-languages.ts';
import { playgroundPreloads } from '../src/node/playground-preload.ts';
import { steadySitePlugin } from '../src/node/vite-plugin.ts';
import { searchSections } from './search-index.ts';

const PATH = ['minimum', 'standard', 'robust', 'performant', 'distributed'];

function lessonSidebar() {
  return listLessonIds().map((id) => {
    const info = readLessonInfo(id);
    return {
      text: `${info.number}. ${info.name}`,
      link: `/lessons/${id}`,
      items: info.exercises.map((e) => ({ text: e.title, link: `/lessons/${id}#exercise-${e.id}` })),
      collapsed: true,
    };
  });
}

export default defineConfig({
  title: 'Steady',
  description: 'Actor-based concurrency in TypeScript: an interactive course',
  srcDir: 'pages',
  cleanUrls: true,
  // An inline icon: no favicon request to fail.
  head: [
    [
      'link',
      {
        rel: 'icon',
        href: 'data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="6" fill="%23646cff"/></svg>',
      },
    ],
    // The playground's layout the learner chose, applied before the page is drawn (no jump).
    ['script', {}, LAYOUT_HEAD_SCRIPT],
  ],
  // A lesson page fetches its playground and lesson files beside its own scripts (Run is enabled sooner).
  transformHead: (context) => playgroundPreloads(context),
  lastUpdated: false,
  // The browser engine's Service Worker, test kit and runtime bundle, once every page is written.
  buildEnd: (siteConfig) => addBrowserEngine(siteConfig.outDir),
  // Lesson and runtime READMEs link to files in the repository; the page rewrites the ones it can.
  ignoreDeadLinks: true,
  markdown: {
    theme: { light: 'github-light', dark: 'github-dark' },
    codeTransformers: [keyLineTransformer()],
  },
  themeConfig: {
    nav: [
      { text: 'Lessons', link: `/lessons/${listLessonIds()[0] ?? ''}` },
      { text: 'Runtime API', link: '/reference' },
    ],
    sidebar: [
      { text: 'The path', items: [{ text: PATH.join(' → '), link: '/' }] },
      { text: 'Lessons', items: lessonSidebar() },
      { text: 'Reference', items: [{ text: 'Runtime API', link: '/reference' }] },
    ],
    outline: false,
    // VitePress' own search, built into the site (no service): lessons and the runtime API page.
    search: {
      provider: 'local',
      options: {
        miniSearch: { _splitIntoSections: searchSections(join(import.meta.dirname, '..', 'pages')) },
      },
    },
  },
  vite: {
    plugins: [steadySitePlugin(), monacoLanguagesPlugin()],
    worker: { format: 'es' },
    optimizeDeps: {
      include: [
        'monaco-editor',
        '@xterm/xterm',
        '@xterm/addon-fit',
        'shiki/core',
        'shiki/engine/javascript',
        '@shikijs/monaco',
        '@webcontainer/api',
      ],
    },
    build: { chunkSizeWarningLimit: 8000 },
    server: { fs: { allow: ['../..'] } },
  },
});
