/**
 * Soak: 200 pages open the runner, run a short lesson, stop it or not, and close, in a random order
 * (seeded, printed) over about a minute, a few at a time and more than the runner allows at once.
 * Afterwards no process is left, the server's open file handles are back where they started, and its
 * heap is within 20 % of where it started.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { waitUntil } from '@steady/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { groupAlive, liveChildren } from '../src/node/processes.ts';
import { collect, connected, type Harness, startHarness } from './runner-harness.ts';

const SEED = Number(process.env.SOAK_SEED ?? 20261201);
const PAGES = 200;
const AT_ONCE = 4;

/** A small seeded generator (a 32-bit LCG): the order of a failing soak can be replayed with SOAK_SEED. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

let h: Harness;
let lessons: string;

/** A lesson whose `npm start` prints a few beats, quickly: the soak is about the runner, not the lesson. */
function writeShortLesson(dir: string): void {
  const lesson = join(dir, '01-short');
  mkdirSync(join(lesson, 'src'), { recursive: true });
  writeFileSync(
    join(lesson, 'package.json'),
    JSON.stringify({ name: 'short', private: true, scripts: { start: 'node src/main.js' } }),
  );
  writeFileSync(
    join(lesson, 'src', 'main.js'),
    "let n = 0;\nconst t = setInterval(() => { console.log('beat', ++n); if (n === 10) { clearInterval(t); } }, 20);\n",
  );
}

const openHandles = () => readdirSync('/proc/self/fd').length;

beforeAll(async () => {
  lessons = mkdtempSync(join(tmpdir(), 'steady-soak-lessons-'));
  writeShortLesson(lessons);
  h = await startHarness({ lessonsDir: lessons, maxRuns: 3, maxSessions: 8 });
});

afterAll(async () => {
  await h?.close();
  rmSync(lessons, { recursive: true, force: true });
});

type Ending = 'wait for the exit' | 'stop after the first beat' | 'stop at once' | 'close at once';
const ENDINGS: readonly Ending[] = [
  'wait for the exit',
  'stop after the first beat',
  'stop at once',
  'close at once',
];

/** One page's life; resolves with the pid of the run it started, if any. */
async function page(ending: Ending): Promise<number | undefined> {
  let ws: WebSocket;
  try {
    ws = await connected(h);
  } catch {
    return undefined; // refused at the door: fine, the runner is bounded
  }
  const seen = collect(
    ws,
    (m, all) =>
      m.type === 'exit' || (ending === 'stop after the first beat' && all.some((x) => x.type === 'output')),
    30_000,
  ).catch(() => []);
  ws.send(JSON.stringify({ type: 'run', id: 1, lesson: '01-short', command: 'start', args: [], files: {} }));
  if (ending === 'stop at once') ws.send(JSON.stringify({ type: 'stop', id: 1 }));
  if (ending !== 'close at once') {
    const all = await seen;
    if (ending === 'stop after the first beat') ws.send(JSON.stringify({ type: 'stop', id: 1 }));
    ws.close();
    const started = all.find((m) => m.type === 'started');
    return started && 'pid' in started ? (started.pid ?? undefined) : undefined;
  }
  ws.close();
  return undefined;
}

describe('native runner soak', () => {
  it(`${PAGES} pages open, run, stop and close in a random order, and leave nothing behind (seed ${SEED})`, async () => {
    const random = lcg(SEED);
    // Warm up (modules, pools), then measure where the server starts from. Four pages at once against
    // three run slots: some runs are refused, as they must be.
    await page('wait for the exit');
    gc();
    const handlesBefore = openHandles();
    const heapBefore = process.memoryUsage().heapUsed;

    const pids: number[] = [];
    const endings = new Map<Ending, number>();
    let next = 0;
    const worker = async () => {
      while (next < PAGES) {
        next++;
        const ending = ENDINGS[Math.floor(random() * ENDINGS.length)]!;
        endings.set(ending, (endings.get(ending) ?? 0) + 1);
        await new Promise((resolve) => setTimeout(resolve, random() * 400));
        const pid = await page(ending);
        if (pid) pids.push(pid);
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: AT_ONCE }, worker));
    await waitUntil(
      () => h.site.runner!.sessions() === 0 && h.site.runner!.runs() === 0 && liveChildren() === 0,
      30_000,
      () =>
        `the runner to settle (sessions ${h.site.runner!.sessions()}, runs ${h.site.runner!.runs()}, children ${liveChildren()})`,
      20,
    );
    gc();
    const handlesAfter = openHandles();
    const heapAfter = process.memoryUsage().heapUsed;
    console.log(
      `soak (seed ${SEED}): ${PAGES} pages in ${((performance.now() - started) / 1000).toFixed(1)} s, ` +
        `${pids.length} runs reported, endings ${JSON.stringify(Object.fromEntries(endings))}; ` +
        `open handles ${handlesBefore} → ${handlesAfter}; heap ${(heapBefore / 2 ** 20).toFixed(1)} → ${(heapAfter / 2 ** 20).toFixed(1)} MiB`,
    );
    expect(pids.length, 'some pages must have run the lesson').toBeGreaterThan(10);
    expect(
      pids.filter((pid) => groupAlive(pid)),
      'process groups still alive',
    ).toEqual([]);
    await waitUntil(
      () => openHandles() <= handlesBefore,
      10_000,
      () => `open handles back to ${handlesBefore} (now ${openHandles()})`,
      50,
    );
    expect(heapAfter / heapBefore, 'heap growth').toBeLessThan(1.2);
  }, 180_000);
});
