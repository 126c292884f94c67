/** Chooses the engine for this page: native mode when the local runner served it, else WebContainers. */
import type { LessonInfo } from '../../shared/lesson.ts';
import { NativeEngine } from './native.ts';
import { type Engine, EngineUnavailableError } from './types.ts';
import { NATIVE_ADVICE, WebContainerEngine } from './webcontainer.ts';

let shared: Engine | undefined;

export function selectEngine(lesson: LessonInfo): Engine {
  if (shared) {
    if (lesson.requiresNative && shared.kind !== 'native') throw requiresNative(lesson);
    return shared;
  }
  const native = NativeEngine.fromPage();
  if (native) {
    shared = native;
    return native;
  }
  if (lesson.requiresNative) throw requiresNative(lesson);
  shared = new WebContainerEngine(async () => (await import('virtual:steady/support')).default);
  return shared;
}

function requiresNative(lesson: LessonInfo): EngineUnavailableError {
  return new EngineUnavailableError(
    `Lesson ${lesson.number} needs native mode: it uses real UDP sockets, which a browser sandbox cannot open.`,
    NATIVE_ADVICE,
  );
}
