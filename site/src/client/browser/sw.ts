/**
 * The browser engine's Service Worker. It
 * - precaches the whole built site (pages, Monaco, the runtime's browser build, the test kit), so
 *   after one visit the course works offline;
 * - serves the lesson's files, with the learner's edits, as modules under `/steady/vfs/`, compiled
 *   from TypeScript on the fly, bare imports pointed at the site's bundles;
 * - adds the cross-origin isolation headers to every response it gives, so workers and modules may
 *   use SharedArrayBuffer even where the host sends no headers (after the first load).
 * Built by the site's build as a classic script (`steady-sw.js`), with the precache list inlined.
 */
/// <reference lib="webworker" />
import { type CompiledModule, compileModule, throwingModule } from './module-source.ts';
import { parseSwap, swapImports } from './module-swap.ts';
import { MISSING_MODULE, SITE_CACHE_PREFIX, siteCacheName, VFS_BASE } from './urls.ts';
import { solutionImports } from './variant.ts';
import { checkVfsMessage, type VfsReply } from './vfs-message.ts';

declare const self: ServiceWorkerGlobalScope;
/** Inlined by the build: the site's files and a version that changes with them. */
declare const __STEADY_PRECACHE__: { readonly version: string; readonly files: readonly string[] };

const SITE_CACHE = siteCacheName(__STEADY_PRECACHE__.version);
const VFS_CACHE = 'steady-vfs';

const ISOLATION: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

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
        if (name.startsWith(SITE_CACHE_PREFIX) && name !== SITE_CACHE) await caches.delete(name);
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
        if (!(await fetchIntoCache(file, 'low').stored)) throw new Error(`${file} could not be cached`);
      }
    };
    await Promise.all(Array.from({ length: PRECACHE_PARALLEL }, worker));
  })().catch(() => {
    precaching = undefined; // offline or a file missing: try again at the next occasion
  });
  return precaching;
}

interface Download {
  /** The network's answer: read only through clones, so that every asker gets the whole body. */
  readonly response: Promise<Response>;
  /** Whether the file is now in this build's cache. */
  readonly stored: Promise<boolean>;
}

/** Downloads of files of the precache list under way, shared by the page's requests and the precache. */
const downloading = new Map<string, Download>();

/**
 * Fetches a file of the precache list and caches it, once however many ask at the same time. It
 * is stored with the isolation headers, so that the cached response is served as it is, uncopied.
 */
function fetchIntoCache(file: string, priority: RequestPriority): Download {
  let download = downloading.get(file);
  if (!download) {
    // `reload`: never a stale copy from the HTTP cache into this build's cache.
    const response = fetch(new Request(file, { cache: 'reload', priority }));
    const stored = response
      .then(async (answer) => {
        if (!answer.ok) return false;
        await (await caches.open(SITE_CACHE)).put(file, withIsolation(answer.clone()));
        return true;
      })
      .catch(() => false);
    download = { response, stored };
    downloading.set(file, download);
    void stored.then(() => downloading.delete(file));
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
    inTurn(message.lesson, () => writeLesson(message.lesson, message.files, message.variant)).then(
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

/** Kept beside a lesson's files: which variant its exercise tests import (not a lesson path: hidden). */
const VARIANT_FILE = '.steady-variant';

/** A lesson's files as this worker last wrote them (forgotten when it restarts: then all are written again). */
const written = new Map<string, { readonly variant: string; readonly files: ReadonlyMap<string, string> }>();

/**
 * Compiled modules by what they are made of: the variant, the lesson's layout (which solution
 * files exist), the path and the source. A file the learner did not change since the last Run is
 * not compiled again. Bounded: cleared when it grows past what a few lessons' edits make.
 */
const compiledBySource = new Map<string, Promise<CompiledModule>>();
const MAX_COMPILED = 2000;

/**
 * Stores a lesson's files in the VFS cache (Cache Storage: this worker may be restarted mid-run),
 * only those that changed since the last write, and compiles every TypeScript file (from the
 * cache of compiled modules when its source is unchanged), returning the compile errors (a module
 * that does not compile cannot even be linked, so its importer would only say "no export named …").
 */
async function writeLesson(
  lesson: string,
  files: Readonly<Record<string, string>>,
  variant: 'working' | 'solution',
): Promise<string[]> {
  const cache = await caches.open(VFS_CACHE);
  const prefix = `${self.location.origin}${VFS_BASE}${lesson}/`;
  const before = written.get(lesson);
  written.delete(lesson); // until this write has finished: a failed write leaves nothing assumed
  const text = (content: string) => new Response(content, { headers: { 'content-type': 'text/plain' } });
  const entries = Object.entries(files);
  if (!before) {
    for (const request of await cache.keys()) if (request.url.startsWith(prefix)) await cache.delete(request);
  } else {
    for (const path of before.files.keys()) if (!(path in files)) await cache.delete(prefix + path);
  }
  await Promise.all([
    ...entries
      .filter(([path, content]) => before?.files.get(path) !== content)
      .map(([path, content]) => cache.put(new Request(prefix + path), text(content))),
    ...(before?.variant === variant ? [] : [cache.put(new Request(prefix + VARIANT_FILE), text(variant))]),
  ]);
  written.set(lesson, { variant, files: new Map(entries) });
  compiled.clear();
  if (compiledBySource.size > MAX_COMPILED) compiledBySource.clear();
  const layout = variant === 'solution' ? Object.keys(files).sort().join('\n') : '';
  const errors: string[] = [];
  for (const [path, content] of entries) {
    if (!path.endsWith('.ts')) continue;
    const key = `${variant}\u0000${layout}\u0000${path}\u0000${content}`;
    let result = compiledBySource.get(key);
    if (!result) {
      // A compile is work of this worker's one thread (sucrase's first ones, cold, take 50-150 ms):
      // in a task of its own, the fetches waiting meanwhile (the program worker's script and the
      // runtime, asked for while the files are written) are answered between two files.
      await nextTask();
      const map = variant === 'solution' ? solutionImports(path, (p) => p in files) : undefined;
      result = compileModule(content, path, map);
      compiledBySource.set(key, result);
    }
    compiled.set(
      new URL(prefix + path).pathname,
      result.then((r) => r.code),
    );
    const { error } = await result;
    if (error) errors.push(error);
  }
  return errors;
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

function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Compiled modules of the current VFS content, keyed by URL (cleared on every write). */
const compiled = new Map<string, Promise<string>>();

function javascript(code: string, status = 200): Response {
  return new Response(code, {
    status,
    headers: { ...ISOLATION, 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' },
  });
}

async function serveLessonFile(url: URL): Promise<Response> {
  // A module of a graph with one module swapped (a learner-written test graded against a stand-in).
  const swap = parseSwap(url.searchParams);
  if (swap === 'invalid') return javascript(throwingModule(`Invalid module swap in ${url.search}`), 400);
  const key = swap ? url.pathname + url.search : url.pathname;
  // Compiled at the last write: the file exists, no need to look in the cache.
  const ready = compiled.get(key);
  if (ready) return javascript(await ready);
  const rest = decodeURIComponent(url.pathname.slice(VFS_BASE.length));
  const slash = rest.indexOf('/');
  const displayPath = rest.slice(slash + 1);
  const stored = await (await caches.open(VFS_CACHE)).match(url.origin + url.pathname);
  if (!stored) return javascript(throwingModule(`Cannot find module '${displayPath}' in the lesson`), 404);
  if (!displayPath.endsWith('.ts')) {
    return new Response(stored.body, {
      headers: { ...ISOLATION, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    });
  }
  let code = compiled.get(key);
  if (!code) {
    // A swapped graph's module, or this worker was restarted since the files were written:
    // compile it now, with the same variant.
    code = (async () => {
      const lessonBase = `${VFS_BASE}${rest.slice(0, slash)}/`;
      if (swap) {
        const map = swapImports(lessonBase, displayPath, swap);
        return (await compileModule(await stored.text(), displayPath, map)).code;
      }
      const cache = await caches.open(VFS_CACHE);
      const prefix = `${url.origin}${lessonBase}`;
      const variant = await (await cache.match(prefix + VARIANT_FILE))?.text();
      const paths = new Set((await cache.keys()).map((r) => r.url.slice(prefix.length)));
      const map = variant === 'solution' ? solutionImports(displayPath, (p) => paths.has(p)) : undefined;
      return (await compileModule(await stored.text(), displayPath, map)).code;
    })();
    compiled.set(key, code);
  }
  return javascript(await code);
}

function missingModule(url: URL): Response {
  const name = decodeURIComponent(url.pathname.slice(MISSING_MODULE.length));
  return javascript(
    throwingModule(
      `Cannot use module '${name}' in the browser engine (only @steady/runtime, its testing helpers, vitest and the grader's test helpers are there). Run this lesson in native mode to use it.`,
    ),
  );
}

/** The same response with the isolation headers added (a fresh Response also drops `redirected`). */
function withIsolation(response: Response): Response {
  if (response.type === 'opaque' || response.type === 'opaqueredirect' || response.status === 0)
    return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
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
 * Cached responses carry the isolation headers already (see `fetchIntoCache`).
 */
async function serveSite(event: FetchEvent): Promise<Response> {
  const { request } = event;
  const url = new URL(request.url);
  if (request.mode === 'navigate') {
    try {
      return withIsolation(await fetch(request));
    } catch (error) {
      const cached = await fromCache(url);
      if (cached) return withIsolation(cached);
      throw error;
    }
  }
  const cached = await fromCache(url);
  if (cached) return cached;
  if (PRECACHED.has(url.pathname) && !url.search) {
    const download = fetchIntoCache(url.pathname, 'high');
    event.waitUntil(download.stored);
    return withIsolation((await download.response).clone());
  }
  return withIsolation(await fetch(request));
}
