/**
 * The watchdog thread of `starvation-watchdog.js`: the test's thread adds one to `turns` on each
 * of its turns; when the count stays still for `limitMs`, the test named last is written to
 * `note` and the test's process ends (a thread cannot stop the one it watches any other way).
 */
import { writeFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

const CHECK_MS = 250;

/** @type {{ turns: Int32Array, note: string, limitMs: number }} */
const { turns, note, limitMs } = workerData;
/** @type {{ project?: string, file?: string, test?: string }} */
let current = {};
parentPort?.on('message', (test) => {
  current = test;
});

let seen = Atomics.load(turns, 0);
let stillSince = Date.now();
setInterval(() => {
  const now = Atomics.load(turns, 0);
  if (now !== seen) {
    seen = now;
    stillSince = Date.now();
    return;
  }
  const stuckMs = Date.now() - stillSince;
  if (stuckMs < limitMs) return;
  writeFileSync(note, JSON.stringify({ ...current, stuckMs }));
  process.kill(process.pid, 'SIGKILL');
}, CHECK_MS);
