/**
 * Starts a thread that hosts actors (`worker-host.ts`), given its plan. How is the platform's
 * business: `worker_threads` with the tsx loader on Node, a module Web Worker in a browser.
 */
import { platform } from '#platform';
import type { SpawnedThread } from '../platform/types.ts';
import type { ThreadPlan } from './thread-plan.ts';

export function spawnHostThread(plan: ThreadPlan, name: string): SpawnedThread {
  return platform.spawnActorThread(plan, name);
}
