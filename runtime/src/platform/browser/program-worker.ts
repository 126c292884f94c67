/**
 * A lesson program in a module worker that the page starts (`program-worker.js` of the
 * browser build). Messages:
 *   page → worker  { type: 'run', entry: '<absolute URL of src/main.ts>', argv: string[] } (once)
 *                  { type: 'stop' }   graceful: every running graph shuts down, the program ends
 *   worker → page  { type: 'ready' }
 *                  { type: 'output', stream: 'stdout' | 'stderr', data: string }  (ANSI kept)
 *                  { type: 'telemetry', dot: string, metrics: string }  (when they changed)
 *                  { type: 'exit', code: number }
 * The page terminates the worker after `exit`, or when a stop takes too long: the actor threads
 * still running end with it.
 */
import {
  installShell,
  prewarmActorThread,
  requestStop,
  runMain,
  telemetrySnapshot,
  threadsSettled,
} from './host.ts';
import { type WebMessageEvent, webGlobal } from './web.ts';

const TELEMETRY_POLL_MS = 250;

type Outgoing =
  | { type: 'ready' }
  | { type: 'output'; stream: 'stdout' | 'stderr'; data: string }
  | { type: 'telemetry'; dot: string; metrics: string }
  | { type: 'exit'; code: number };

const send = (message: Outgoing) => webGlobal.postMessage(message);
const complain = (text: string) =>
  send({ type: 'output', stream: 'stderr', data: `program-worker: ${text}\n` });

installShell({ sink: (stream, data) => send({ type: 'output', stream, data }) });
// The lesson's first actor thread loads the runtime while this worker waits for its Run.
prewarmActorThread();

let started = false;
let lastTelemetry = '';

async function pollTelemetry(): Promise<void> {
  const snapshot = await telemetrySnapshot();
  if (!snapshot) return;
  const key = `${snapshot.dot}\u0000${snapshot.metrics}`;
  if (key === lastTelemetry) return;
  lastTelemetry = key;
  send({ type: 'telemetry', dot: snapshot.dot, metrics: snapshot.metrics });
}

async function run(entry: string, argv: readonly string[]): Promise<void> {
  const timer = setInterval(() => void pollTelemetry().catch(() => {}), TELEMETRY_POLL_MS);
  let code: number;
  try {
    code = await runMain(entry, argv);
  } catch (error) {
    complain(error instanceof Error ? error.message : String(error));
    code = 1;
  }
  clearInterval(timer);
  await pollTelemetry().catch(() => {});
  await threadsSettled(); // the page terminates this worker on `exit`
  send({ type: 'exit', code });
}

webGlobal.addEventListener('message', (event: WebMessageEvent) => {
  const message = event.data as { type?: unknown; entry?: unknown; argv?: unknown } | null;
  if (typeof message !== 'object' || message === null)
    return complain('ignored a message that is not an object');
  if (message.type === 'stop') {
    requestStop();
    return;
  }
  if (message.type !== 'run')
    return complain(`ignored a message of unknown type ${JSON.stringify(message.type)}`);
  if (started) return complain('ignored a second run: one program per worker');
  if (typeof message.entry !== 'string' || !/^(https?|blob|file):/.test(message.entry)) {
    return complain(
      `run needs entry, the absolute URL of the program's main module, got ${JSON.stringify(message.entry)}`,
    );
  }
  if (!Array.isArray(message.argv) || !message.argv.every((a) => typeof a === 'string')) {
    return complain('run needs argv, an array of strings');
  }
  started = true;
  void run(message.entry, message.argv);
});
send({ type: 'ready' });
