/**
 * The browser engine's Service Worker. It
 * - precaches the whole built site (pages, Monaco, the runtime's browser build, the test kit), so
 *   after one visit the course works offline;
 * - serves the lesson's files, with the learner's edits, as modules under `/steady/vfs/`, compiled
 *   from TypeScript on the fly, bare imports pointed at the site's bundles (`sw-lessons.ts`);
 * - adds the cross-origin isolation headers to pages, workers' scripts and the modules it makes
 *   (`sw-responses.ts`), so workers and modules may use SharedArrayBuffer even where the host
 *   sends no headers (after the first load).
 * Built by the site's build as a classic script (`steady-sw.js`), with the precache list inlined.
 */
/// <reference lib="webworker" />
import { throwingModule } from './module-source.ts';
import { FORMER_LESSON_CACHES, serveLessonFile, writeLesson } from './sw-lessons.ts';
import { javascript, needsIsolation, withIsolation } from './sw-responses.ts';
import { MISSING_MODULE, SITE_CACHE_PREFIX, siteCacheName, VFS_BASE } from './urls.ts';
import { checkVfsMessage, type VfsReply } from './vfs-message.ts';

declare const self: ServiceWorkerGlobalScope;
/** Inlined by the build: the site's files and a version that changes with them. */
declare const __STEADY_PRECACHE__: { readonly version: string; readonly files: readonly string[] };

const SITE_CACHE = siteCacheName(__STEADY_PRECACHE__.version);

/** The engine's files (the runtime's build, the test kit): first in line when the site is cached. */
const ENGINE_FILES = /^\/steady\//;
const PRECACHED = new Set(__STEADY_PRECACHE__.files);

/**
 * Takes control at once, with nothing cached yet: until a file is cached it comes from the network
 * (and is cached on its way to the page), so a first visit waits for no download it did not ask
 * for. The whole site is cached right after, in the background, whenever the page pauses (see
 * `pageQuiet`).
 */
self.addEventListener('install', (event) => {
  event.waitUntil(self.skipWaiting());
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys())
        if (
          (name.startsWith(SITE_CACHE_PREFIX) && name !== SITE_CACHE) ||
          FORMER_LESSON_CACHES.includes(name)
        )
          await caches.delete(name);
      await self.clients.claim();
      void precacheTheRest(); // not awaited: see precacheTheRest
    })(),
  );
});

/** Files fetched at once while the rest of the site is cached in the background. */
const PRECACHE_PARALLEL = 4;
let precaching: Promise<void> | undefined;

/**
 * The background caching takes its next file only once the page has asked for nothing for this
 * long (or it has waited `LONGEST_PAUSE_MS`). While a page loads Monaco, or a Run's threads load
 * the runtime and the lesson's modules, requests come every few milliseconds; caching 20 MB
 * meanwhile took this worker's thread and the machine's cores from them. First visits alternated
 * in one run, four with each, Run pressed once the editor showed: Heartbeat 3 came 3.9-4.4 s after
 * the navigation with the pause, 4.8-5.7 s without.
 */
const QUIET_MS = 300;
const LONGEST_PAUSE_MS = 5000;
/** When this worker last answered a request of a page (`performance.now()`). */
let lastPageRequest = Number.NEGATIVE_INFINITY;

async function pageQuiet(): Promise<void> {
  const giveUpAt = performance.now() + LONGEST_PAUSE_MS;
  for (;;) {
    const now = performance.now();
    const wait = Math.min(lastPageRequest + QUIET_MS, giveUpAt) - now;
    if (wait <= 0) return;
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/**
 * Caches every file of the site not cached yet, the engine's first (once per start of this
 * worker; a worker stopped halfway carries on at its next start). Not part of `activate`: fetches
 * wait while a worker activates, and the page must not wait for 20 MB.
 */
function precacheTheRest(): Promise<void> {
  precaching ??= (async () => {
    const cache = await caches.open(SITE_CACHE);
    const files = __STEADY_PRECACHE__.files;
    const queue = [
      ...files.filter((f) => ENGINE_FILES.test(f)),
      ...files.filter((f) => !ENGINE_FILES.test(f)),
    ];
    const worker = async () => {
      for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
        if (await cache.match(file)) continue;
        await pageQuiet();
        if (!(await fetchIntoCache(file, 'low'))) throw new Error(`${file} could not be cached`);
      }
    };
    await Promise.all(Array.from({ length: PRECACHE_PARALLEL }, worker));
  })().catch(() => {
    precaching = undefined; // offline or a file missing: try again at the next occasion
  });
  return precaching;
}

/** Downloads into the cache under way, shared by the page's requests and the precache. */
const downloading = new Map<string, Promise<boolean>>();

/**
 * Fetches a file of the precache list into this build's cache, once however many ask at the same
 * time; resolves with whether it is there now. Whoever wants the file reads it from the cache
 * then: a network answer handed to the page and to the cache at once (`clone()`) is a stream
 * split in two, each chunk of each file pumped through this worker's thread. Traced, a first visit
 * with a Run kept this thread busy for 880 ms this way against 1081 with the split streams.
 */
function fetchIntoCache(file: string, priority: RequestPriority): Promise<boolean> {
  let download = downloading.get(file);
  if (!download) {
    // `reload`: never a stale copy from the HTTP cache into this build's cache.
    download = caches
      .open(SITE_CACHE)
      .then((cache) => cache.add(new Request(file, { cache: 'reload', priority })))
      .then(
        () => true,
        () => false,
      );
    downloading.set(file, download);
    void download.then(() => downloading.delete(file));
  }
  return download;
}

self.addEventListener('message', (event) => {
  const port = event.ports[0];
  const reply = (answer: VfsReply) => port?.postMessage(answer);
  const message = checkVfsMessage(event.data);
  if (typeof message === 'string') {
    reply({ ok: false, error: `refused: ${message}` });
    return;
  }
  if (message.type === 'when-quiet') {
    event.waitUntil(pageQuiet().then(() => reply({ ok: true, errors: [] })));
    return;
  }
  event.waitUntil(precacheTheRest());
  event.waitUntil(
    inTurn(message.lesson, () => writeLesson(message)).then(
      (errors) => reply({ ok: true, errors }),
      (error: unknown) => reply({ ok: false, error: String(error) }),
    ),
  );
});

/** Each lesson's last write: writes of one lesson take turns (see `inTurn`). */
const lastWrite = new Map<string, Promise<unknown>>();

/**
 * Runs `write` once the lesson's previous write has finished: a write made while the page loads
 * and a Run's write must not interleave, or the older content could land last.
 */
function inTurn<T>(lesson: string, write: () => Promise<T>): Promise<T> {
  const turn = (lastWrite.get(lesson) ?? Promise.resolve()).catch(() => undefined).then(write);
  lastWrite.set(lesson, turn);
  return turn;
}

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== self.location.origin || event.request.method !== 'GET') return;
  lastPageRequest = performance.now();
  // Every page load of a controlled page makes sure the whole site gets cached (a no-op once it is).
  if (event.request.mode === 'navigate' || url.pathname.startsWith(VFS_BASE))
    event.waitUntil(precacheTheRest());
  if (url.pathname.startsWith(VFS_BASE)) event.respondWith(serveLessonFile(url));
  else if (url.pathname.startsWith(MISSING_MODULE)) event.respondWith(missingModule(url));
  else event.respondWith(serveSite(event));
});

function missingModule(url: URL): Response {
  const name = decodeURIComponent(url.pathname.slice(MISSING_MODULE.length));
  return javascript(
    throwingModule(
      `Cannot use module '${name}' in the browser engine (only @steady/runtime, its testing helpers, vitest and the grader's test helpers are there). Run this lesson in native mode to use it.`,
    ),
  );
}

/** Clean URLs: `/lessons/01-minimum` is the file `/lessons/01-minimum.html`, `/` is `/index.html`. */
function cacheKeysFor(url: URL): string[] {
  const path = url.pathname;
  if (path.endsWith('/')) return [`${path}index.html`];
  return path.endsWith('.html') ? [path] : [path, `${path}.html`, `${path}/index.html`];
}

/**
 * The cached answer for a URL. Keys are paths, as stored: a query, such as a worker's
 * `?worker_file`, is left out of the key rather than ignored by the match (`ignoreSearch` made
 * each match twice as slow in Chromium here: 0.8 against 0.4 ms, a cache of 110 entries).
 */
async function fromCache(url: URL): Promise<Response | undefined> {
  const cache = await caches.open(SITE_CACHE);
  for (const key of cacheKeysFor(url)) {
    const hit = await cache.match(key);
    if (hit) return hit;
  }
  return undefined;
}

/**
 * Pages: the network first (the local runner writes a fresh token into each page it serves), the
 * cache when offline. Everything else: the cache first (file names change with their content, and
 * a new build brings a new Service Worker with a new cache), the network for what is not cached.
 * Responses are handed on as they are, but for pages and workers' scripts (`needsIsolation`).
 */
async function serveSite(event: FetchEvent): Promise<Response> {
  const { request } = event;
  const url = new URL(request.url);
  if (request.mode === 'navigate') {
    try {
      return await withIsolation(await fetch(request));
    } catch (error) {
      const cached = await fromCache(url);
      if (cached) return withIsolation(cached);
      throw error;
    }
  }
  let answer = await fromCache(url);
  if (!answer && PRECACHED.has(url.pathname) && !url.search) {
    const download = fetchIntoCache(url.pathname, 'high');
    event.waitUntil(download);
    if (await download) answer = await fromCache(url);
  }
  answer ??= await fetch(request);
  return needsIsolation(request) ? withIsolation(answer) : answer;
}
