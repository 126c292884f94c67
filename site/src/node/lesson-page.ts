/**
 * Builds a lesson page from the lesson's own README at build time (one source of truth): the text,
 * the code (static, shiki-highlighted, key lines marked), the exercises inline, and the playground.
 */
import { browserExerciseNumbers, type LessonBundle } from '../shared/lesson.ts';
import { lessonAssetUrl } from './lesson-assets.ts';
import { readTitle } from './lessons.ts';

function fence(code: string, lang: string): string {
  let ticks = '```';
  while (code.includes(ticks)) ticks += '`';
  return `${ticks}${lang}\n${code.replace(/\n$/, '')}\n${ticks}`;
}

/** Where a piece of markdown comes from: its lesson, and its folder inside the lesson (`''` for the README). */
export interface MarkdownSource {
  readonly lesson: string;
  readonly folder?: string;
}

const ABSOLUTE = /^([a-z]+:|#|\/)/i;

/**
 * Rewrites a lesson markdown's relative links so they work on the site. Pictures point to
 * `/lesson-assets/…` (see lesson-assets.ts); an image that is not a picture inside the lessons
 * keeps only its alt text.
 */
export function rewriteLinks(markdown: string, source: MarkdownSource): string {
  const withImages = markdown.replace(
    /!\[([^\]]*)\]\(([^)\s]+)(\s+"[^"]*")?\)/g,
    (whole, alt: string, target: string, title = '') => {
      if (ABSOLUTE.test(target)) return whole;
      const url = lessonAssetUrl(source.lesson, source.folder ?? '', target);
      return url ? `![${alt}](${url}${title})` : alt;
    },
  );
  return withImages.replace(/\]\(([^)\s]+)\)/g, (whole, target: string) => {
    if (ABSOLUTE.test(target)) return whole;
    const exercise = /^(?:\.\/)?exercises\/([^/]+)\/(?:README\.md)?$/.exec(target);
    if (exercise) return `](#exercise-${exercise[1]})`;
    if (/(^|\/)runtime\/README\.md$/.test(target)) return '](/reference)';
    const lesson = /^\.\.\/(\d\d-[a-z0-9-]+)\/(?:README\.md)?$/.exec(target);
    if (lesson) return `](/lessons/${lesson[1]})`;
    return '](#playground)';
  });
}

/** Shifts headings down so an exercise's `#` title sits under the page's `## Exercises`. */
function shiftHeadings(markdown: string, by: number): string {
  let inFence = false;
  return markdown
    .split('\n')
    .map((line) => {
      if (/^(```|~~~)/.test(line)) inFence = !inFence;
      return !inFence && /^#{1,4} /.test(line) ? `${'#'.repeat(by)}${line}` : line;
    })
    .join('\n');
}

function withoutTitle(markdown: string): string {
  const lines = markdown.split('\n');
  const at = lines.findIndex((l) => l.startsWith('# '));
  return at >= 0 ? [...lines.slice(0, at), ...lines.slice(at + 1)].join('\n') : markdown;
}

function language(path: string): string {
  const ext = path.slice(path.lastIndexOf('.') + 1);
  return { ts: 'ts', js: 'js', json: 'json', md: 'md' }[ext] ?? 'text';
}

export function lessonPageMarkdown(bundle: LessonBundle): string {
  const { lesson, files } = bundle;
  const readme = files.find((f) => f.path === 'README.md')?.content ?? `# ${lesson.title}\n`;
  const parts: string[] = [];
  parts.push(rewriteLinks(readme.trim(), { lesson: lesson.id }));
  if (lesson.requiresNative) {
    const here = browserExerciseNumbers(lesson);
    parts.push(
      '::: warning Native mode needed\nThis lesson uses real UDP sockets, which a browser sandbox cannot open. ' +
        'Run it on your own machine: `npm install && npm start` at the repository root, then open the address it prints.' +
        (here.length
          ? ` Without it, exercises ${here.join(', ')} still grade in this page (press Test); the program and the other exercises need native mode.`
          : '') +
        '\n:::',
    );
  }
  parts.push(
    `## Playground {#playground}\n\n<ClientOnly>\n  <Playground lesson="${lesson.id}" />\n</ClientOnly>`,
  );

  if (lesson.exercises.length) {
    parts.push('## Your exercises {#your-exercises}');
    for (const exercise of lesson.exercises) {
      const text = files.find((f) => f.path === `exercises/${exercise.id}/README.md`)?.content ?? '';
      const title = readTitle(text) ?? exercise.title;
      const body = rewriteLinks(shiftHeadings(withoutTitle(text).trim(), 2), {
        lesson: lesson.id,
        folder: `exercises/${exercise.id}`,
      });
      const working = exercise.workingFiles.map((f) => `\`${f}\``).join(', ');
      parts.push(
        `### ${title} {#exercise-${exercise.id}}\n\n` +
          `<ExerciseBadge lesson="${lesson.id}" exercise="${exercise.id}" />\n\n` +
          `${body}\n\n_Your file:_ ${working || '(none)'} — open it in the playground, then press **Test**.`,
      );
    }
  }

  const sources = files.filter((f) => f.role === 'source');
  if (sources.length) {
    parts.push(
      '## The reference code {#reference-code}\n\nThe reference project, read-only. Highlighted lines carry the lesson’s key ideas.',
    );
    for (const file of sources) {
      parts.push(`::: details ${file.path}\n\n${fence(file.content, language(file.path))}\n\n:::`);
    }
  }
  return `${parts.join('\n\n')}\n`;
}
