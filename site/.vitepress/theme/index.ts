import type { Theme } from 'vitepress';
import { defineClientComponent } from 'vitepress';
import DefaultTheme from 'vitepress/theme';
import { h } from 'vue';
import ExerciseBadge from './components/ExerciseBadge.vue';
import LessonPath from './components/LessonPath.vue';
import ProgressPanel from './components/ProgressPanel.vue';
import './style.css';

// The playground (Monaco, xterm, engines) exists only in the browser. `import.meta.env.SSR` is a
// constant of each build: the server bundle leaves the import out, and with it Monaco and the
// engines it would otherwise bundle for nothing (a third of the site's build time).
const Playground = defineClientComponent(() =>
  import.meta.env.SSR ? Promise.resolve({ render: () => null }) : import('./components/Playground.vue'),
);

export default {
  extends: DefaultTheme,
  Layout: () =>
    h(DefaultTheme.Layout, null, { 'sidebar-nav-after': () => h(ProgressPanel, { compact: true }) }),
  enhanceApp({ app }) {
    app.component('Playground', Playground);
    app.component('ExerciseBadge', ExerciseBadge);
    app.component('ProgressPanel', ProgressPanel);
    app.component('LessonPath', LessonPath);
  },
} satisfies Theme;
