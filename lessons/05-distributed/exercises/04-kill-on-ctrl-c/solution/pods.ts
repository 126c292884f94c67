/** Stopping the pods a runner started. */
import type { ChildProcess } from 'node:child_process';

export interface Pod {
  readonly child: ChildProcess;
  /** Resolves when the pod has exited. */
  readonly exited: Promise<unknown>;
}

const isAlive = (pod: Pod) => pod.child.exitCode === null && pod.child.signalCode === null;

/** Sends `signal` to every running pod, SIGKILLs those still alive after `graceMs`; resolves when all exited. */
export async function stopPods(pods: readonly Pod[], signal: NodeJS.Signals, graceMs: number): Promise<void> {
  for (const pod of pods) if (isAlive(pod)) pod.child.kill(signal);
  const timer = setTimeout(() => {
    for (const pod of pods) if (isAlive(pod)) pod.child.kill('SIGKILL');
  }, graceMs);
  await Promise.all(pods.map((p) => p.exited));
  clearTimeout(timer);
}
