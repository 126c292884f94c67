/** Stopping pods one after the other, each given its chance to stop cleanly. */
import type { ChildProcess } from 'node:child_process';

export interface Pod {
  readonly name: string;
  readonly child: ChildProcess;
  /** Resolves when the pod has exited. */
  readonly exited: Promise<unknown>;
}

const isAlive = (pod: Pod) => pod.child.exitCode === null && pod.child.signalCode === null;

/**
 * Stops `pods` in the order given: sends `signal` to a pod, SIGKILLs it if it is still alive after
 * `graceMs`, and only once it has exited goes on to the next. Resolves when all have exited.
 */
export async function stopInOrder(
  pods: readonly Pod[],
  signal: NodeJS.Signals,
  graceMs: number,
): Promise<void> {
  for (const pod of pods) {
    if (!isAlive(pod)) continue;
    pod.child.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    await Promise.race([pod.exited, grace]); // exited, or the grace period is over
    clearTimeout(timer);
    if (isAlive(pod)) pod.child.kill('SIGKILL'); // killed: on to the next one
  }
}
