/**
 * Every URL of the browser engine, in one place. Real files (built with the site): the Service
 * Worker, the runtime's browser build, the test kit. Virtual ones (answered by the Service Worker):
 * the lesson's files with the learner's edits, and a module for names the browser cannot provide.
 */

/** The Service Worker script; at the root so that its scope is the whole site. */
export const SERVICE_WORKER = '/steady-sw.js';
/** What the Service Worker precaches: written by the build next to the site's files. */
export const PRECACHE_MANIFEST = '/steady/precache.json';
/** Not a URL, but named with them: the cache the Service Worker keeps the site in, one per build. */
export const SITE_CACHE_PREFIX = 'steady-site-';
export const siteCacheName = (version: string): string => `${SITE_CACHE_PREFIX}${version}`;

/** The runtime's browser build (`npm run build:browser -w runtime`), copied as is. */
export const RUNTIME_BASE = '/steady/runtime/';
/** vitest's runner and expect, bundled for the browser, plus the worker that runs test files. */
export const TESTKIT_BASE = '/steady/testkit/';
export const TEST_WORKER = `${TESTKIT_BASE}test-worker.js`;
export const PROGRAM_WORKER = `${RUNTIME_BASE}program-worker.js`;

/** A lesson's files as the learner has them: `/steady/vfs/<lesson>/<path>`. */
export const VFS_BASE = '/steady/vfs/';
/** `import 'fs'` in the browser: a module that throws, naming what is missing. */
export const MISSING_MODULE = '/steady/missing/';

export function vfsUrl(lesson: string, path: string): string {
  return `${VFS_BASE}${lesson}/${path}`;
}

/**
 * Output with the lesson's module URLs as the learner's paths: a stack frame's
 * `http://host/steady/vfs/01-minimum/src/actor/heartbeat.ts:25:13` reads
 * `src/actor/heartbeat.ts:25:13`, as the compiler's messages name files.
 */
export function withLessonPaths(text: string, origin: string, lesson: string): string {
  return text.replaceAll(`${origin}${vfsUrl(lesson, '')}`, '');
}

/** Bare import names lesson code and tests use, and the module that provides each in the browser. */
export const BARE_MODULES: Readonly<Record<string, string>> = {
  '@steady/runtime': `${RUNTIME_BASE}index.js`,
  '@steady/runtime/testing': `${RUNTIME_BASE}testing.js`,
  'node:url': `${RUNTIME_BASE}node/url.js`,
  'node:worker_threads': `${RUNTIME_BASE}node/worker_threads.js`,
  'node:process': `${RUNTIME_BASE}node/process.js`,
  vitest: `${TESTKIT_BASE}vitest.js`,
  // What exercise tests that grade a learner-written test import (the test kit's own versions).
  '@steady/grader/variant': `${TESTKIT_BASE}grader-variant.js`,
  '@steady/grader/learner-tests': `${TESTKIT_BASE}learner-tests.js`,
};
