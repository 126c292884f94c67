/**
 * Monaco is built with what the course edits only (`src/node/monaco-languages.ts`): the rules
 * themselves, and the built site, whose Service Worker then caches none of the rest.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PRECACHE_MANIFEST } from '../src/client/browser/urls.ts';
import {
  isUnusedMonacoLanguage,
  TS_WORKER_MANAGER,
  withoutOwnTsWorker,
} from '../src/node/monaco-languages.ts';
import { DIST_DIR } from '../src/node/serve.ts';
import { buildSiteIfNeeded } from './build-site.ts';

const MONACO = '/work/node_modules/monaco-editor/esm/vs/index.js';

describe('which Monaco languages are left out', () => {
  it('leaves out the language definitions and services no lesson file needs', () => {
    expect(isUnusedMonacoLanguage('./languages/definitions/python/register.js', MONACO)).toBe(true);
    expect(isUnusedMonacoLanguage('./languages/features/css/register.js', MONACO)).toBe(true);
    expect(isUnusedMonacoLanguage('./languages/features/html/register.js', MONACO)).toBe(true);
    // The playground lists TypeScript files only: the JSON service's worker would never start.
    expect(isUnusedMonacoLanguage('./languages/features/json/register.js', MONACO)).toBe(true);
  });

  it('keeps TypeScript, JavaScript and Markdown, and the TypeScript service', () => {
    for (const language of ['typescript', 'javascript', 'markdown'])
      expect(isUnusedMonacoLanguage(`./languages/definitions/${language}/register.js`, MONACO)).toBe(false);
    expect(isUnusedMonacoLanguage('./languages/features/typescript/register.js', MONACO)).toBe(false);
  });

  it('touches nothing imported from outside Monaco', () => {
    expect(isUnusedMonacoLanguage('./languages/definitions/python/register.js', '/work/site/src/x.ts')).toBe(
      false,
    );
    expect(isUnusedMonacoLanguage('./languages/definitions/python/register.js', undefined)).toBe(false);
  });
});

describe("Monaco's own TypeScript worker", () => {
  // The installed Monaco's module, as the build sees it.
  const managerPath = createRequire(import.meta.url).resolve(
    'monaco-editor/languages/features/typescript/workerManager.js',
  );

  it('is taken out of the worker manager Monaco ships, which the build recognises by its path', () => {
    expect(TS_WORKER_MANAGER.test(managerPath)).toBe(true);
    const code = readFileSync(managerPath, 'utf8');
    expect(code).toContain("new URL('ts.worker.js', import.meta.url)");
    const rewritten = withoutOwnTsWorker(code);
    expect(rewritten).not.toContain('ts.worker.js');
    expect(rewritten).toContain('the playground makes the TypeScript worker');
    expect(rewritten).not.toContain('new Worker(');
    // Nothing else changes: the worker the playground gives is still asked for the same way.
    expect(rewritten).toContain('moduleId: "vs/language/typescript/tsWorker"');
    expect(rewritten.split('\n').length).toBe(code.split('\n').length);
  });

  it('stops the build when a Monaco upgrade makes its worker another way', () => {
    expect(() => withoutOwnTsWorker('createWorker: () => new Worker("x.js")')).toThrow(
      /update src\/node\/monaco-languages\.ts/,
    );
  });
});

describe('the built site', () => {
  let files: string[];
  beforeAll(async () => {
    await buildSiteIfNeeded();
    files = (JSON.parse(readFileSync(join(DIST_DIR, PRECACHE_MANIFEST), 'utf8')) as { files: string[] })
      .files;
  }, 600_000);

  it("ships Monaco's editor and TypeScript workers, and no CSS, HTML or JSON one", () => {
    const workers = files
      .filter((file) => /\.worker-[^/]*\.js$/.test(file))
      .map((file) => file.split(/[/-]/)[2]);
    expect(workers.sort()).toEqual(['editor.worker', 'ts.worker']);
  });

  it('ships no chunk of a language the lessons do not use', () => {
    expect(
      files.filter((file) => /\/(python|rust|cssMode|htmlMode|jsonMode|yaml)\.[^/]+\.js$/.test(file)),
    ).toEqual([]);
  });
});
