/**
 * `setImmediate` for browsers, where it does not exist: a macrotask queued through a
 * MessageChannel (setTimeout(0) is clamped to 4 ms once nested, far too slow for the actor
 * loop's "let the event loop turn" yields). The browser build injects it where the runtime
 * uses setImmediate.
 */
type Task = () => void;

const queue: Task[] = [];
const channel = new MessageChannel();
// Node's MessagePort type lacks `onmessage`; the browser's has it, and this file runs only there.
(channel.port1 as unknown as { onmessage: () => void }).onmessage = () => {
  const task = queue.shift();
  task?.();
};

export function setImmediate<A extends unknown[]>(callback: (...args: A) => void, ...args: A): number {
  queue.push(() => callback(...args));
  channel.port2.postMessage(undefined);
  return queue.length;
}
