/**
 * Chooses the engine for this page: native mode when the local runner served it; otherwise the
 * browser engine, or WebContainers when the learner switched to them (remembered in this browser).
 * A lesson that needs real sockets (`requiresNative`) runs in native mode only; without it, the
 * browser engine still grades the exercises that lesson lists for a browser (Run is refused).
 */
import { browserExerciseNumbers, type LessonInfo } from '../../shared/lesson.ts';
import { BrowserEngine } from './browser.ts';
import { NativeEngine } from './native.ts';
import { gradesInBrowser, nativeOnlyError } from './native-only.ts';
import type { Engine, EngineKind } from './types.ts';
import { WebContainerEngine } from './webcontainer.ts';

const PREFERENCE_KEY = 'steady.engine.v1';

/** What the learner picked when no local runner is there: the browser engine unless they chose WebContainers. */
export type EnginePreference = 'browser' | 'webcontainer';

export function enginePreference(
  storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage,
): EnginePreference {
  return storage?.getItem(PREFERENCE_KEY) === 'webcontainer' ? 'webcontainer' : 'browser';
}

export function setEnginePreference(
  preference: EnginePreference,
  storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage,
): void {
  storage?.setItem(PREFERENCE_KEY, preference);
  shared = undefined;
}

/** Why this engine runs the page, in the learner's words. */
export function engineReason(kind: EngineKind, lesson?: LessonInfo): string {
  if (kind === 'native')
    return 'Native mode: the local runner (npm start) served this page, so lessons run on this machine.';
  if (kind === 'browser' && lesson?.requiresNative)
    return `In this browser: no local runner served this page. Exercises ${browserExerciseNumbers(lesson).join(', ')} grade here; Run and the other exercises need native mode.`;
  if (kind === 'browser')
    return 'In this browser: no local runner served this page, so lessons run in web workers here, offline too.';
  return 'WebContainers: you chose them below; they need StackBlitz’s servers and an internet connection.';
}

let shared: Engine | undefined;

export function selectEngine(
  lesson: LessonInfo,
  native: () => Engine | undefined = NativeEngine.fromPage,
): Engine {
  if (shared) {
    if (lesson.requiresNative && !canServe(shared.kind, lesson)) throw nativeOnlyError(lesson);
    return shared;
  }
  const local = native();
  if (local) {
    shared = local;
    return local;
  }
  if (lesson.requiresNative && !canServe(enginePreference(), lesson)) throw nativeOnlyError(lesson);
  shared =
    enginePreference() === 'webcontainer'
      ? new WebContainerEngine(async () => (await import('virtual:steady/support')).default)
      : new BrowserEngine();
  return shared;
}

function canServe(kind: EngineKind, lesson: LessonInfo): boolean {
  return kind === 'native' || (kind === 'browser' && gradesInBrowser(lesson));
}
