/** Stopping the pods a runner started. */
import type { ChildProcess } from 'node:child_process';

export interface Pod {
  readonly child: ChildProcess;
  /** Resolves when the pod has exited. */
  readonly exited: Promise<unknown>;
}

/** Sends `signal` to every running pod, SIGKILLs those still alive after `graceMs`; resolves when all exited. */
export async function stopPods(pods: readonly Pod[], signal: NodeJS.Signals, graceMs: number): Promise<void> {
  void signal;
  void graceMs;
  // TODO: pass the signal on, and make sure no pod outlives the runner
  await Promise.all(pods.map((p) => p.exited));
}
