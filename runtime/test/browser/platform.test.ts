/**
 * The runtime's browser platform in Chromium: the same scenarios as the Node tests (channel
 * stress, wake-ups and races, restarts, exactly-once through failures and killed threads) run
 * in module Web Workers against the browser build, and must give the same results; the commit
 * codec reads back across platforms; a lesson program runs in the program worker. Every wait
 * waits for an outcome, never for a fixed time.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCommit, encodeCommit } from '../../src/actor/commit-record.ts';
import { launchChromium } from '../../src/testing/chromium.ts';
import type { ProgramOutcome, ScenarioOutcome } from './page.ts';
import { sampleCommit } from './sample-commit.ts';
import { type BrowserTestServer, startBrowserTestServer } from './test-server.ts';

const SLOW_MS = 180_000; // a shared machine: generous, and never relied on to be fast
const LESSON_01 = '/repo/lessons/01-minimum/src/main.ts';
const ESC = '\u001b';

describe('the runtime in Chromium (browser platform)', () => {
  let server: BrowserTestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startBrowserTestServer();
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') console.error(`page console: ${message.text()}`);
    });
    await page.goto(`${server.origin}/`);
    await page.waitForFunction(() => 'runScenario' in globalThis);
  }, SLOW_MS);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function scenario<T>(name: string, ...args: unknown[]): Promise<T> {
    const outcome = await page.evaluate(
      ([n, a]) =>
        (
          globalThis as unknown as { runScenario(n: string, a: unknown[]): Promise<ScenarioOutcome> }
        ).runScenario(n, a),
      [name, args] as const,
    );
    if (!outcome.ok) throw new Error(`${name} failed in the browser: ${outcome.error}\n${outcome.output}`);
    return outcome.result as T;
  }

  const program = (entry: string, argv: string[], stopWhen?: string) =>
    page.evaluate(
      ([e, a, s]) =>
        (
          globalThis as unknown as { runProgram(e: string, a: string[], s?: string): Promise<ProgramOutcome> }
        ).runProgram(e, a, s),
      [`${server.origin}${entry}`, argv, stopWhen] as const,
    );

  it('is cross-origin isolated (shared memory is available)', async () => {
    expect(
      await page.evaluate(
        () => (globalThis as { crossOriginIsolatedPage?: boolean }).crossOriginIsolatedPage,
      ),
    ).toBe(true);
  });

  it('runs solo actors on workers of their own and troupe members on one shared worker', async () => {
    const { solo, troupe, main } = await scenario<{ solo: number[]; troupe: number[]; main: number }>(
      'threadPlacement',
    );
    expect(main).toBe(0);
    expect(new Set([...solo, troupe[0], main]).size).toBe(4);
    expect(troupe[0]).toBe(troupe[1]);
  });

  it('calls off the waits that lost a race', async () => {
    expect(await scenario('racesCallOffTheLosers')).toEqual([true, false, false, false, false]);
  });

  it('lets a timer actor run beside one whose waits are always met at once', async () => {
    expect(await scenario<number>('busyNeighbourLetsOthersRun')).toBeGreaterThanOrEqual(20);
  });

  it(
    'wakes waitAvail and waitVacant across workers through a tiny channel',
    async () => {
      expect(await scenario('wakeupsAcrossThreads', 2000)).toEqual(Array.from({ length: 2000 }, (_, i) => i));
    },
    SLOW_MS,
  );

  it(
    'moves 10 million numbers between two workers in random batches: all arrive, in order, once',
    async () => {
      const total = 10_000_000;
      expect(await scenario('channelStress', total, 42)).toEqual({ count: total, errors: 0 });
    },
    SLOW_MS,
  );

  it(
    'restarts a failed actor on a worker with its state and its channel contents',
    async () => {
      const { taken, restarts, state, lines } = await scenario<{
        taken: number[];
        restarts: number;
        state: unknown;
        lines: string[];
      }>('restartKeepsStateAndChannel');
      expect(taken).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(restarts).toBe(1);
      expect(state).toEqual({ count: 10 });
      expect(lines.some((l) => l.includes('flaky: failed: Error: planned failure at 5'))).toBe(true);
    },
    SLOW_MS,
  );

  for (const [seed, placement] of [
    [11, 'solo'],
    [12, 'troupe'],
  ] as const) {
    it(
      `1000000 messages through 4 exactly-once actors throwing at random points arrive exactly once (seed ${seed}, ${placement})`,
      async () => {
        const total = 1_000_000;
        const { sink, restarts } = await scenario<{ sink: unknown; restarts: number }>(
          'exactlyOnceThroughFailures',
          total,
          seed,
          placement,
        );
        expect(sink).toEqual({ count: total, expected: total, outOfOrder: 0, duplicates: 0, lost: 0 });
        expect(restarts, 'failures were injected').toBeGreaterThan(10);
      },
      SLOW_MS,
    );
  }

  it(
    'survives workers killed at random moments, exactly once (seed 21)',
    async () => {
      const total = 1_000_000;
      const { sink, killed } = await scenario<{ sink: unknown; killed: number }>(
        'exactlyOnceThroughKilledThreads',
        total,
        21,
      );
      expect(sink).toEqual({ count: total, expected: total, outOfOrder: 0, duplicates: 0, lost: 0 });
      expect(killed).toBeGreaterThan(0);
    },
    SLOW_MS,
  );

  it('reads back a commit written on Node, and Node reads back one written in the browser', async () => {
    const fromNode = encodeCommit(sampleCommit() as never);
    const { readBack, written } = await page.evaluate(
      (bytes) =>
        (
          globalThis as unknown as {
            commitCodec(b: number[]): Promise<{ readBack: number[]; written: number[] }>;
          }
        ).commitCodec(bytes),
      [...fromNode],
    );
    expect(new Uint8Array(readBack)).toEqual(fromNode); // decoded and encoded again: nothing lost
    expect(decodeCommit(new Uint8Array(written))).toEqual(sampleCommit());
  });

  it(
    "runs lesson 01's program unchanged: log lines as on Node, exit code 0",
    async () => {
      const run = await program(LESSON_01, ['--beats', '3', '--rate', '20']);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const beats = run.stdout.split('\n').filter((line) => line.includes('Heartbeat'));
      expect(beats).toHaveLength(3);
      // pino-pretty's format and colours: [time] INFO (actor): message, level green, message cyan
      const [time, rest] = [beats[0]?.slice(0, 15), beats[0]?.slice(15)];
      expect(time).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] $/);
      expect(rest).toBe(`${ESC}[32mINFO${ESC}[39m (heartbeat): ${ESC}[36mHeartbeat 3 (rate 20 ms)${ESC}[39m`);
    },
    SLOW_MS,
  );

  it(
    'gives the first actor thread the worker it started ahead of the program, with its own thread id',
    async () => {
      const run = await program('/repo/runtime/test/fixtures/thread-names-program.ts', []);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const seen = run.stdout
        .split('\n')
        .filter((line) => /^(first|second): /.test(line))
        .sort();
      // Threads are numbered from 1 in the order the graph starts them; the first one takes the
      // worker started ahead (`steady-thread:spare`), the second gets a worker named for it.
      expect(seen).toEqual([
        expect.stringMatching(/^first: thread 1, worker steady-thread:spare$/),
        'second: thread 2, worker steady-thread:2:second',
      ]);
    },
    SLOW_MS,
  );

  for (const [lesson, argv, last] of [
    ['02-standard', ['--beats', '3', '--rate', '100'], /\(logger\): .*Msg /],
    ['03-robust', ['--beats', '3', '--rate', '100'], /Nothing lost, nothing counted twice\./],
    ['04-performant', ['--beats', '100', '--rate', '2'], /\(main\): .*messages through the worker in/],
  ] as const) {
    it(
      `runs lesson ${lesson}'s program unchanged to exit code 0`,
      async () => {
        const run = await program(`/repo/lessons/${lesson}/src/main.ts`, [...argv]);
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(last);
      },
      SLOW_MS,
    );
  }

  it(
    'exits 2 with the usage message and no stack trace on a bad argument, 0 with --help',
    async () => {
      const bad = await program(LESSON_01, ['--rate', '0']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/must be between 1 and 3600000, got 0/);
      expect(bad.stderr).not.toMatch(/\n\s+at /);
      const help = await program(LESSON_01, ['--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(/Usage: 01-minimum/);
    },
    SLOW_MS,
  );

  it(
    'stops a running program gracefully on request, and shows its live telemetry meanwhile',
    async () => {
      const run = await program(LESSON_01, ['--beats', '100000', '--rate', '20'], 'Heartbeat 99999');
      expect(run.code).toBe(0);
      expect(run.stdout).not.toMatch(/Heartbeat 1 \(/);
      expect(run.telemetry.length).toBeGreaterThan(0);
      expect(run.telemetry[0]?.dot).toMatch(/digraph/);
      expect(run.telemetry[0]?.dot).toMatch(/heartbeat/);
      expect(run.telemetry[0]?.metrics).toMatch(/# TYPE/);
    },
    SLOW_MS,
  );

  it('refuses malformed messages to the program worker with a clear complaint', async () => {
    const said = await page.evaluate(
      (messages) =>
        (globalThis as unknown as { refusedMessages(m: unknown[]): Promise<string> }).refusedMessages(
          messages,
        ),
      [
        42,
        { type: 'launch' },
        { type: 'run', entry: 'main.ts', argv: [] },
        { type: 'run', entry: 'http://x/m.js', argv: [1] },
      ],
    );
    expect(said).toMatch(/not an object/);
    expect(said).toMatch(/unknown type "launch"/);
    expect(said).toMatch(/absolute URL.*"main\.ts"/);
    expect(said).toMatch(/argv, an array of strings/);
  });
});
