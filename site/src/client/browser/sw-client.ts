/**
 * The page's side of the Service Worker: register it, wait until it controls the page (at once on
 * a first visit: the site is cached in the background), and hand it the lesson's files before
 * each Run or Test.
 */
import { SERVICE_WORKER } from './urls.ts';
import type { QuietQuestion, VfsReply, VfsWrite } from './vfs-message.ts';

const RELOADED = 'steady.isolation-reload';

export class ServiceWorkerUnavailable extends Error {
  override name = 'ServiceWorkerUnavailable';
}

/** Registers the Service Worker and resolves once it controls this page and the page is isolated. */
export async function ensureServiceWorker(onWait: (message: string) => void): Promise<ServiceWorker> {
  const container = globalThis.navigator?.serviceWorker;
  if (!container)
    throw new ServiceWorkerUnavailable(
      'this browser offers no Service Workers here (a private window, or a page not served over HTTPS or from localhost)',
    );
  if (!container.controller) {
    onWait('Preparing the course for this browser (first visit: saving it for offline use)…');
    await container.register(SERVICE_WORKER, { scope: '/' });
    await new Promise<void>((resolve) => {
      if (container.controller) resolve();
      else container.addEventListener('controllerchange', () => resolve(), { once: true });
    });
  }
  if (!globalThis.crossOriginIsolated) {
    // The host sent no isolation headers, but the Service Worker adds them: load the page once more
    // through it (once per tab, so a browser that refuses isolation does not reload forever).
    if (!sessionStorage.getItem(RELOADED)) {
      sessionStorage.setItem(RELOADED, '1');
      location.reload();
      await new Promise(() => {});
    }
    throw new ServiceWorkerUnavailable(
      'this page is not cross-origin isolated, so workers cannot share memory (SharedArrayBuffer)',
    );
  }
  return container.controller!;
}

/** Posts `message` with a port for the answer; resolves with the answer, rejects after `limitMs`. */
function ask(worker: ServiceWorker, message: VfsWrite | QuietQuestion, limitMs: number): Promise<VfsReply> {
  const channel = new MessageChannel();
  return new Promise<VfsReply>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the Service Worker did not answer within ${limitMs / 1000} s`)),
      limitMs,
    );
    channel.port1.onmessage = (event: MessageEvent<VfsReply>) => {
      clearTimeout(timer);
      resolve(event.data);
    };
    worker.postMessage(message, [channel.port2]);
  });
}

/**
 * Gives the Service Worker a lesson's files (the learner's edits applied); resolves once stored,
 * with the compiler's messages for the entries and the files they import that do not compile.
 */
export async function writeLessonFiles(
  worker: ServiceWorker,
  lesson: string,
  files: Readonly<Record<string, string>>,
  options: Pick<VfsWrite, 'entries' | 'compiled'> & { readonly variant?: VfsWrite['variant'] },
): Promise<readonly string[]> {
  const { entries, variant = 'working', compiled } = options;
  const message: VfsWrite = {
    type: 'vfs-write',
    lesson,
    files,
    variant,
    entries,
    ...(compiled && { compiled }),
  };
  const reply = await ask(worker, message, 10_000);
  if (reply.ok) return reply.errors;
  throw new Error(`the Service Worker refused the lesson's files: ${reply.error}`);
}

/**
 * Resolves once the Service Worker has been asked for no file for a moment (see `QuietQuestion`),
 * or after `limitMs`; also when it refuses the question (an older worker still in control).
 */
export function whenServiceWorkerQuiet(worker: ServiceWorker, limitMs: number): Promise<void> {
  return ask(worker, { type: 'when-quiet' }, limitMs).then(
    () => undefined,
    () => undefined,
  );
}
