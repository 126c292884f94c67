/** The lock around a site build: two processes that find the site stale build it one after the other. */
import { mkdirSync, mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { whileLocked } from '../src/node/build.ts';

const folder = mkdtempSync(join(tmpdir(), 'site-build-lock-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('a second build waits for the first to finish, even when the first fails', async () => {
  const lock = join(folder, 'waits.lock');
  const events: string[] = [];
  const build =
    (name: string, fails = false) =>
    async () => {
      events.push(`${name} starts`);
      await sleep(300);
      events.push(`${name} ends`);
      if (fails) throw new Error(`${name} failed`);
    };
  const first = whileLocked(build('first', true), lock);
  const second = whileLocked(build('second'), lock);
  await expect(first).rejects.toThrow('first failed');
  await second;
  expect(events).toEqual(['first starts', 'first ends', 'second starts', 'second ends']);
});

it('takes over the lock of a process that died (a lock not renewed for a minute)', async () => {
  const lock = join(folder, 'stale.lock');
  mkdirSync(lock); // what proper-lockfile leaves behind when its process is killed
  const longAgo = new Date(Date.now() - 5 * 60_000);
  utimesSync(lock, longAgo, longAgo);
  let built = false;
  await whileLocked(async () => {
    built = true;
  }, lock);
  expect(built).toBe(true);
});
