import type { Theme } from 'vitepress';
import { defineClientComponent } from 'vitepress';
import DefaultTheme from 'vitepress/theme';
import { h } from 'vue';
import ExerciseBadge from './components/ExerciseBadge.vue';
import LessonPath from './components/LessonPath.vue';
import ProgressPanel from './components/ProgressPanel.vue';
import './style.css';

// The playground (Monaco, xterm, engines) exists only in the browser: never imported during SSR.
const Playground = defineClientComponent(() => import('./components/Playground.vue'));

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
