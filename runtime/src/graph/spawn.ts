/**
 * Starts a thread that hosts actors (`worker-host.ts`), given its plan. How is the platform's
 * business: on Node, `worker_threads` running modules compiled as the graph starts; in a
 * browser, a module Web Worker.
 */
import { platform } from '#platform';
import type { SpawnedThread } from '../platform/types.ts';
import type { ThreadPlan } from './thread-plan.ts';

/** Called once as a graph starts, with every thread's plan: the platform may compile their modules. */
export function prepareHostThreads(plans: readonly ThreadPlan[]): void {
  platform.prepareActorThreads([...new Set(plans.flatMap(actorModules))]);
}

export function spawnHostThread(plan: ThreadPlan, name: string): SpawnedThread {
  return platform.spawnActorThread(plan, name, actorModules(plan));
}

function actorModules(plan: ThreadPlan): string[] {
  return plan.actors.map((actor) => actor.moduleUrl);
}
