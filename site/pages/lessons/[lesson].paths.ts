/** One page per lesson, made at build time from the lesson's own README (never a copy). */

import { lessonPageMarkdown } from '../../src/node/lesson-page.ts';
import { LESSONS_DIR, listLessonIds, readLessonBundle } from '../../src/node/lessons.ts';

export default {
  watch: [`${LESSONS_DIR}/*/README.md`, `${LESSONS_DIR}/*/exercises/*/README.md`, `${LESSONS_DIR}/*/src/**`],
  paths() {
    return listLessonIds().map((lesson) => {
      const bundle = readLessonBundle(lesson);
      return { params: { lesson, title: bundle.lesson.title }, content: lessonPageMarkdown(bundle) };
    });
  },
};
