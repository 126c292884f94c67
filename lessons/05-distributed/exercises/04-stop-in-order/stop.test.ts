import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { expect, it } from 'vitest';
import { type Pod, stopInOrder } from './stop.ts';

/** Exit code of a pod that stopped on SIGINT (128 + 2, as a shell reports it). */
const STOPPED_ON_SIGINT = 130;

/** A node process that prints `ready` once its SIGINT handler is installed. */
async function startPod(name: string, onSigint: string): Promise<Pod & { exit: Promise<string> }> {
  const script = `process.on('SIGINT', () => { ${onSigint} }); setInterval(() => {}, 1000); console.log('ready');`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'ignore'] });
  const exit = new Promise<string>((resolve) =>
    child.on('exit', (code, signal) => resolve(signal ? `got ${signal}` : `exit ${code}`)),
  );
  await once(child.stdout, 'data'); // its handler is in place
  return { name, child, exited: exit, exit };
}

const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<'timed out'>((r) => setTimeout(() => r('timed out'), ms))]);

it('stops the publish pod first, and signals the subscribe pod only once the publisher has exited', async () => {
  // The publisher takes a second to drain after the signal; the subscriber stops at once.
  const publish = await startPod('publish', `setTimeout(() => process.exit(${STOPPED_ON_SIGINT}), 1000);`);
  const subscribe = await startPod('subscribe', `process.exit(${STOPPED_ON_SIGINT});`);
  const order: string[] = [];
  for (const pod of [publish, subscribe]) void pod.exit.then(() => order.push(pod.name));
  try {
    const result = await within(stopInOrder([publish, subscribe], 'SIGINT', 5000), 10_000);
    expect(result, 'stopInOrder must resolve once every pod has exited').not.toBe('timed out');
    expect(
      order,
      'exit order: stop the pods in the order given, publish then subscribe; the subscriber exited first: signal it only after the publisher has exited',
    ).toEqual(['publish', 'subscribe']);
    expect(await publish.exit, 'publish pod: it must get SIGINT first, to stop its graph cleanly').toBe(
      `exit ${STOPPED_ON_SIGINT}`,
    );
    expect(await subscribe.exit, 'subscribe pod: it must get SIGINT first, to stop its graph cleanly').toBe(
      `exit ${STOPPED_ON_SIGINT}`,
    );
  } finally {
    for (const pod of [publish, subscribe]) pod.child.kill('SIGKILL'); // never leave a process behind
  }
});

it('kills a pod that ignores the signal, then goes on to the next', async () => {
  const stuck = await startPod('publish', '/* ignores SIGINT */');
  const polite = await startPod('subscribe', `process.exit(${STOPPED_ON_SIGINT});`);
  /** Whether the stuck pod had exited when the next one was first sent a signal (undefined: never sent one). */
  let stuckGoneWhenNextAsked: boolean | undefined;
  const kill = polite.child.kill.bind(polite.child);
  polite.child.kill = (signal?: NodeJS.Signals | number) => {
    stuckGoneWhenNextAsked ??= stuck.child.exitCode !== null || stuck.child.signalCode !== null;
    return kill(signal);
  };
  try {
    const result = await within(stopInOrder([stuck, polite], 'SIGINT', 300), 5000);
    expect(
      result,
      'stopInOrder still waiting after 5 s: a pod that ignores the signal must be killed after graceMs',
    ).not.toBe('timed out');
    expect(await stuck.exit, 'the stuck pod: killed after graceMs').toBe('got SIGKILL');
    expect(await polite.exit, 'the next pod: asked with SIGINT, not killed').toBe(
      `exit ${STOPPED_ON_SIGINT}`,
    );
    expect(
      stuckGoneWhenNextAsked,
      'the stuck pod had exited when the next pod got its signal: after the SIGKILL, wait for it to exit before going on',
    ).toBe(true);
  } finally {
    for (const pod of [stuck, polite]) pod.child.kill('SIGKILL');
  }
});
