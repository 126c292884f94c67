/**
 * The local search index over every page, lesson pages included. VitePress indexes a page by
 * reading its markdown file, and a lesson page has none (it is made from the lesson's README by a
 * dynamic route), so it would be missing: here its markdown is made the same way and rendered.
 * Pages are split at each heading with an anchor, one search result per section.
 */
import { basename, relative } from 'node:path';
import { createMarkdownRenderer, type MarkdownRenderer } from 'vitepress';
import { lessonPageMarkdown } from '../src/node/lesson-page.ts';
import { listLessonIds, readLessonBundle } from '../src/node/lessons.ts';

interface Section {
  readonly anchor: string;
  readonly titles: string[];
  readonly text: string;
}

const HEADING = /<h([1-6])[^>]*\bid="([^"]+)"[^>]*>([\s\S]*?)<\/h\1>/gi;

const plain = (html: string): string =>
  html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&ZeroWidthSpace;|\u200b/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

/** One section per heading that has an anchor; titles are the headings above it, outermost first. */
export function splitSections(html: string): Section[] {
  const sections: Section[] = [];
  const stack: string[] = [];
  const matches = [...html.matchAll(HEADING)];
  for (const [i, match] of matches.entries()) {
    const level = Number(match[1]);
    // The header anchor VitePress adds ("#") is not part of the title.
    const title = plain(match[3]!.replace(/<a[^>]*class="header-anchor"[\s\S]*?<\/a>/i, ''));
    stack.length = level - 1;
    stack[level - 1] = title;
    const end = matches[i + 1]?.index ?? html.length;
    sections.push({
      anchor: match[2]!,
      titles: stack.filter((t) => t !== undefined),
      text: plain(html.slice(match.index! + match[0].length, end)),
    });
  }
  return sections;
}

/** The `_splitIntoSections` hook of VitePress' local search. */
export function searchSections(srcDir: string) {
  let md: Promise<MarkdownRenderer> | undefined;
  const lessons = new Set(listLessonIds());
  return async (path: string, html: string): Promise<Section[]> => {
    const rel = relative(srcDir, path).replaceAll('\\', '/');
    const id = basename(rel, '.md');
    if (!html && rel.startsWith('lessons/') && lessons.has(id)) {
      md ??= createMarkdownRenderer(srcDir);
      const renderer = await md;
      html = renderer.render(lessonPageMarkdown(readLessonBundle(id)), {
        path,
        relativePath: rel,
        cleanUrls: true,
      });
    }
    return splitSections(html);
  };
}
