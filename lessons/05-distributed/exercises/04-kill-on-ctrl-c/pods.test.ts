import { spawn } from 'node:child_process';
import { expect, it } from 'vitest';
import { type Pod, stopPods } from './pods.ts';

function startPod(script: string): Pod {
  const child = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  return { child, exited };
}

const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<'timed out'>((r) => setTimeout(() => r('timed out'), ms))]);

it('forwards the signal, and kills a pod that ignores it', async () => {
  const polite = startPod('setInterval(() => {}, 1000)');
  const stubborn = startPod("process.on('SIGINT', () => {}); setInterval(() => {}, 1000)");
  await new Promise((r) => setTimeout(r, 500)); // let the stubborn one install its handler
  try {
    const result = await within(stopPods([polite, stubborn], 'SIGINT', 300), 5000);
    expect(result, 'stopPods must resolve once every pod has exited').not.toBe('timed out');
    expect(await polite.exited).toBe('SIGINT');
    expect(await stubborn.exited).toBe('SIGKILL');
  } finally {
    for (const pod of [polite, stubborn]) pod.child.kill('SIGKILL'); // never leave a process behind
  }
});
