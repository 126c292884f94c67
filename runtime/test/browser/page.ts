/**
 * The test page's side: starts workers and reports to the test (through `window`). Every
 * scenario gets a fresh worker, as every test file gets a fresh module graph on Node.
 */
import { sampleCommit } from './sample-commit.ts';

interface PageWorker {
  postMessage(message: unknown): void;
  terminate(): void;
  addEventListener(
    type: 'message' | 'error',
    listener: (event: { data?: unknown; message?: string }) => void,
  ): void;
}
type WorkerConstructor = new (url: string, options: { type: 'module' }) => PageWorker;
const { Worker } = globalThis as unknown as { Worker: WorkerConstructor };

export interface ScenarioOutcome {
  readonly ok: boolean;
  readonly result?: unknown;
  readonly error?: string;
  readonly output: string;
}

function runScenario(exportName: string, args: unknown[]): Promise<ScenarioOutcome> {
  const worker = new Worker('/repo/runtime/test/browser/scenario-worker.ts', { type: 'module' });
  return new Promise<ScenarioOutcome>((resolve) => {
    worker.addEventListener('message', (event) => resolve(event.data as ScenarioOutcome));
    worker.addEventListener('error', (event) => resolve({ ok: false, error: event.message, output: '' }));
    worker.postMessage({ module: '/repo/runtime/test/fixtures/scenarios.ts', exportName, args });
  }).finally(() => worker.terminate());
}

export interface ProgramOutcome {
  readonly code: number | undefined;
  readonly stdout: string;
  readonly stderr: string;
  readonly telemetry: { dot: string; metrics: string }[];
  readonly complaints: string[];
}

/** Runs a program in the build's program worker; `stopWhen`: send a stop once stdout has it and telemetry came. */
function runProgram(entry: string, argv: string[], stopWhen?: string): Promise<ProgramOutcome> {
  const worker = new Worker('/steady/program-worker.js', { type: 'module' });
  let stdout = '';
  let stderr = '';
  let stopped = false;
  const telemetry: { dot: string; metrics: string }[] = [];
  return new Promise<ProgramOutcome>((resolve) => {
    worker.addEventListener('message', (event) => {
      const message = event.data as {
        type: string;
        stream?: string;
        data?: string;
        code?: number;
        dot?: string;
        metrics?: string;
      };
      if (message.type === 'ready') worker.postMessage({ type: 'run', entry, argv });
      if (message.type === 'output') {
        if (message.stream === 'stdout') stdout += message.data;
        else stderr += message.data;
      }
      if (message.type === 'telemetry')
        telemetry.push({ dot: message.dot ?? '', metrics: message.metrics ?? '' });
      if (stopWhen && !stopped && stdout.includes(stopWhen) && telemetry.length > 0) {
        stopped = true;
        worker.postMessage({ type: 'stop' });
      }
      if (message.type === 'exit') resolve({ code: message.code, stdout, stderr, telemetry, complaints: [] });
    });
    worker.addEventListener('error', (event) =>
      resolve({ code: undefined, stdout, stderr, telemetry, complaints: [String(event.message)] }),
    );
  }).finally(() => worker.terminate());
}

/** Sends the program worker messages it must refuse; returns what it said about each. */
function refusedMessages(messages: unknown[]): Promise<string> {
  const worker = new Worker('/steady/program-worker.js', { type: 'module' });
  let stderr = '';
  return new Promise<string>((resolve) => {
    worker.addEventListener('message', (event) => {
      const message = event.data as { type: string; data?: string };
      if (message.type === 'ready') for (const m of messages) worker.postMessage(m);
      if (message.type === 'output') stderr += message.data;
      if (stderr.split('\n').length > messages.length) resolve(stderr);
    });
  }).finally(() => worker.terminate());
}

/** The commit codec in the page: reads the bytes Node wrote, and writes the same sample for Node. */
async function commitCodec(fromNode: number[]): Promise<{ readBack: number[]; written: number[] }> {
  const codec = await import('/bundle/runtime/src/actor/commit-record.ts' as string);
  const decoded = codec.decodeCommit(new Uint8Array(fromNode));
  return {
    readBack: [...codec.encodeCommit(decoded)],
    written: [...codec.encodeCommit(sampleCommit())],
  };
}

Object.assign(globalThis, {
  crossOriginIsolatedPage: (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true,
  runScenario,
  runProgram,
  refusedMessages,
  commitCodec,
});
