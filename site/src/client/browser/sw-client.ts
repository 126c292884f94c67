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

/**
 * Gives the Service Worker a lesson's files (the learner's edits applied); resolves once stored,
 * with the compiler's messages for the files that do not compile.
 */
export function writeLessonFiles(
  worker: ServiceWorker,
  lesson: string,
  files: Readonly<Record<string, string>>,
  variant: VfsWrite['variant'] = 'working',
): Promise<readonly string[]> {
  const channel = new MessageChannel();
  const message: VfsWrite = { type: 'vfs-write', lesson, files, variant };
  return new Promise<readonly string[]>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('the Service Worker did not answer within 10 s')),
      10_000,
    );
    channel.port1.onmessage = (event: MessageEvent<VfsReply>) => {
      clearTimeout(timer);
      if (event.data.ok) resolve(event.data.errors);
      else reject(new Error(`the Service Worker refused the lesson's files: ${event.data.error}`));
    };
    worker.postMessage(message, [channel.port2]);
  });
}

/**
 * Resolves once the Service Worker has been asked for no file for a moment (see `QuietQuestion`),
 * or after `limitMs`; also when it refuses the question (an older worker still in control).
 */
export function whenServiceWorkerQuiet(worker: ServiceWorker, limitMs: number): Promise<void> {
  const channel = new MessageChannel();
  const question: QuietQuestion = { type: 'when-quiet' };
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, limitMs);
    channel.port1.onmessage = () => {
      clearTimeout(timer);
      resolve();
    };
    worker.postMessage(question, [channel.port2]);
  });
}
