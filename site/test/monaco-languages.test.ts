/**
 * Monaco is built with the languages the course edits only (`src/node/monaco-languages.ts`): the
 * rule itself, and the built site, whose Service Worker then caches none of the others.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PRECACHE_MANIFEST } from '../src/client/browser/urls.ts';
import { isUnusedMonacoLanguage } from '../src/node/monaco-languages.ts';
import { DIST_DIR } from '../src/node/serve.ts';
import { buildSiteIfNeeded } from './build-site.ts';

const MONACO = '/work/node_modules/monaco-editor/esm/vs/index.js';

describe('which Monaco languages are left out', () => {
  it('leaves out the language definitions and services no lesson file needs', () => {
    expect(isUnusedMonacoLanguage('./languages/definitions/python/register.js', MONACO)).toBe(true);
    expect(isUnusedMonacoLanguage('./languages/features/css/register.js', MONACO)).toBe(true);
    expect(isUnusedMonacoLanguage('./languages/features/html/register.js', MONACO)).toBe(true);
  });

  it('keeps TypeScript, JavaScript and Markdown, and the TypeScript and JSON services', () => {
    for (const language of ['typescript', 'javascript', 'markdown'])
      expect(isUnusedMonacoLanguage(`./languages/definitions/${language}/register.js`, MONACO)).toBe(false);
    for (const service of ['typescript', 'json'])
      expect(isUnusedMonacoLanguage(`./languages/features/${service}/register.js`, MONACO)).toBe(false);
  });

  it('touches nothing imported from outside Monaco', () => {
    expect(isUnusedMonacoLanguage('./languages/definitions/python/register.js', '/work/site/src/x.ts')).toBe(
      false,
    );
    expect(isUnusedMonacoLanguage('./languages/definitions/python/register.js', undefined)).toBe(false);
  });
});

describe('the built site', () => {
  let files: string[];
  beforeAll(async () => {
    await buildSiteIfNeeded();
    files = (JSON.parse(readFileSync(join(DIST_DIR, PRECACHE_MANIFEST), 'utf8')) as { files: string[] })
      .files;
  }, 600_000);

  it("ships Monaco's editor, TypeScript and JSON workers, and no CSS or HTML one", () => {
    const workers = files
      .filter((file) => /\.worker-[^/]*\.js$/.test(file))
      .map((file) => file.split(/[/-]/)[2]);
    expect(workers.sort()).toEqual(['editor.worker', 'json.worker', 'ts.worker']);
  });

  it('ships no chunk of a language the lessons do not use', () => {
    expect(files.filter((file) => /\/(python|rust|cssMode|htmlMode|yaml)\.[^/]+\.js$/.test(file))).toEqual(
      [],
    );
  });
});
