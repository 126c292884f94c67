/**
 * Pictures in the lessons' READMEs. A README shows `![…](docs/dashboard.png)`, relative to its own
 * folder; its page gets `/lesson-assets/02-standard/docs/dashboard.png` instead, and the site
 * plugin resolves that name to the file in the lesson folder. The page's markdown turns the image
 * into an import (VitePress hands markdown to Vue, which imports `<img src>`), so Vite serves the
 * picture in dev (under `/@fs/`) and bundles it, hashed, into the build's `assets/`: no middleware
 * and no copy step. It comes from the page's own origin, which cross-origin isolation (COEP
 * `require-corp`) lets through.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { join, posix, sep } from 'node:path';

/** The URL prefix of lesson pictures; what follows is a path relative to the `lessons/` folder. */
export const LESSON_ASSETS = '/lesson-assets/';

/** The picture types a lesson may show. */
const IMAGE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp']);

const LESSON_ID = /^\d\d-[a-z0-9-]+$/;

/**
 * `02-standard/docs/dashboard.png` if `path` (relative to `lessons/`) names a picture inside a
 * lesson, in canonical form: a lesson folder first, no `..`, no hidden or empty segment, no
 * backslash or NUL, a picture's extension. Undefined otherwise.
 */
function checkAssetPath(path: string): string | undefined {
  if (/[\\\0]/.test(path)) return undefined;
  const segments = path.split('/');
  if (segments.length < 2 || !LESSON_ID.test(segments[0]!)) return undefined;
  if (segments.some((s) => s === '' || s.startsWith('.') || s === 'node_modules')) return undefined;
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  return IMAGE_EXTENSIONS.has(ext) ? path : undefined;
}

/**
 * The site URL of a picture that a lesson's markdown links relatively: `target` as written in the
 * markdown, `folder` where that markdown sits inside the lesson (`''` for its README,
 * `exercises/01-x` for an exercise's). Undefined when it is not a picture inside the lessons.
 */
export function lessonAssetUrl(lesson: string, folder: string, target: string): string | undefined {
  const path = checkAssetPath(posix.join(lesson, folder, target));
  return path === undefined ? undefined : LESSON_ASSETS + path;
}

/**
 * The file a `/lesson-assets/…` URL names, or undefined: the URL must be canonical (what
 * `lessonAssetUrl` makes), name a picture, and the file must exist and (symlinks followed) stay
 * inside its lesson folder.
 */
export function resolveLessonAsset(url: string, lessonsDir: string): string | undefined {
  if (!url.startsWith(LESSON_ASSETS)) return undefined;
  const path = url.slice(LESSON_ASSETS.length).split(/[?#]/)[0]!;
  if (posix.normalize(path) !== path || checkAssetPath(path) === undefined) return undefined;
  const lessonDir = join(lessonsDir, path.slice(0, path.indexOf('/')));
  const file = join(lessonsDir, ...path.split('/'));
  if (!existsSync(file) || !statSync(file).isFile()) return undefined;
  const real = realpathSync(file);
  return real.startsWith(realpathSync(lessonDir) + sep) ? file : undefined;
}
