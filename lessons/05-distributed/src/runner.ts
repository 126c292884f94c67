/**
 * RUNNER (`npm start`): starts the subscribe pod, then the publish pod, as child processes;
 * shows a spinner while they start and a throughput line while they run; forwards Ctrl-C and
 * SIGTERM; makes sure no pod outlives it; exits non-zero if a pod fails; prints messages and
 * bytes per second between the pods at the end.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runProgram } from '@steady/runtime';
import { parseArgs } from './args.ts';

const SRC = fileURLToPath(new URL('.', import.meta.url));
const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
/** How long a pod may take to stop after SIGTERM before it is killed. */
export const GRACE_MS = 3000;
/** Error lines shown per pod. */
const MAX_ERROR_LINES = 5;

export interface Pod {
  readonly name: string;
  readonly child: ChildProcess;
  /** Resolves with the exit code (a signal counts as failure, 128 + n style: 1). */
  readonly exited: Promise<number>;
}

/** Starts `tsx src/<name>/main.ts args…` and passes each output line to `onLine`. */
export function startPod(name: string, args: readonly string[], onLine: (line: string) => void): Pod {
  const child = spawn(process.execPath, ['--import', 'tsx', `${SRC}${name}/main.ts`, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream }).on('line', onLine);
  }
  const exited = new Promise<number>((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', () => resolve(1));
  });
  return { name, child, exited };
}

function isAlive(pod: Pod): boolean {
  return pod.child.exitCode === null && pod.child.signalCode === null;
}

/**
 * Stops every pod still running: `signal` first, then SIGKILL for any still alive after
 * GRACE_MS. Resolves when all have exited.
 */
export async function stopPods(pods: readonly Pod[], signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  for (const pod of pods) if (isAlive(pod)) pod.child.kill(signal); //#!#// pass the signal on: each pod stops its graph
  const timer = setTimeout(() => {
    for (const pod of pods) if (isAlive(pod)) pod.child.kill('SIGKILL'); //#!#// and no pod outlives the runner
  }, GRACE_MS);
  await Promise.all(pods.map((p) => p.exited));
  clearTimeout(timer);
}

/** Makes sure `pods` die with the runner: on SIGINT/SIGTERM (forwarded) and on exit. Returns an undo. */
export function guardPods(pods: Pod[], onSignal: (signal: NodeJS.Signals) => void): () => void {
  const onInt = () => onSignal('SIGINT');
  const onTerm = () => onSignal('SIGTERM');
  const onExit = () => {
    for (const pod of pods) if (isAlive(pod)) pod.child.kill('SIGKILL'); // last resort, synchronous
  };
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  process.on('exit', onExit);
  return () => {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
    process.off('exit', onExit);
  };
}

/** Totals printed by the pods' last lines. */
export function parseTotals(line: string): Record<string, number> | undefined {
  const m = /^(PUBLISHED|RECEIVED) (.*)$/.exec(line);
  if (!m) return undefined;
  const out: Record<string, number> = {};
  for (const pair of (m[2] ?? '').split(' ')) {
    const [k, v] = pair.split('=');
    if (k && v) out[k] = Number(v);
  }
  return out;
}

/** The Aeron counters an aqueduct logs when it closes (`aeron counters: key=value …`). */
export function parseAeronCounters(line: string): Record<string, number> | undefined {
  const m = /aeron counters: (.*)$/.exec(line);
  if (!m) return undefined;
  return Object.fromEntries(
    (m[1] ?? '')
      .split(' ')
      .map((pair) => pair.split('='))
      .filter(([k, v]) => k && v !== undefined && /^\d+$/.test(v))
      .map(([k, v]) => [k, Number(v)]),
  );
}

/**
 * Messages, bytes and values per second between the pods: over the span from the first message
 * the subscriber received to the last (`ms` of its RECEIVED line), with the whole run, pod
 * start-up included, alongside.
 */
export function throughputReport(received: Record<string, number>, runSeconds: number): string {
  const messages = received.messages ?? 0;
  const bytes = received.bytes ?? 0;
  const values = received.values ?? 0;
  const spanSeconds = (received.ms ?? 0) / 1000;
  const seconds = spanSeconds > 0 ? spanSeconds : runSeconds;
  return (
    `runner: ${messages.toLocaleString('en')} messages, ${bytes.toLocaleString('en')} bytes in ${seconds.toFixed(2)} s ` +
    `between the pods (${runSeconds.toFixed(2)} s with start-up): ` +
    `${Math.round(messages / seconds).toLocaleString('en')} messages/s, ${(bytes / seconds / 1e6).toFixed(1)} MB/s, ` +
    `${(values / seconds / 1e6).toFixed(2)} M values/s`
  );
}

/** One line on how clean the transfer was: what the publisher retransmitted, what the subscriber asked for. */
export function transferReport(
  publisher: Record<string, number> | undefined,
  subscriber: Record<string, number> | undefined,
): string {
  if (!publisher || !subscriber)
    return 'runner: Aeron counters not reported (a pod did not close its aqueduct)';
  return (
    `runner: Aeron: ${(publisher.datagramsSent ?? 0).toLocaleString('en')} datagrams sent, ` +
    `${publisher.retransmits ?? 0} retransmits, ${subscriber.naksSent ?? 0} NAKs, ` +
    `${(publisher.flowControlStalls ?? 0).toLocaleString('en')} flow-control stalls`
  );
}

export function main(argv: readonly string[]): Promise<number> {
  return runProgram(
    argv,
    (a) => {
      parseArgs(a, 'runner', 'Starts the subscribe pod, then the publish pod, and reports throughput.');
      return a;
    },
    async (podArgs) => {
      const tty = process.stdout.isTTY === true;
      let status = '';
      let frame = 0;
      const spinner = setInterval(() => {
        if (tty && status) process.stdout.write(`\r${FRAMES[frame++ % FRAMES.length]} ${status}   `);
      }, 100);
      const say = (line: string) => process.stdout.write(`${tty ? '\r\x1b[K' : ''}${line}\n`);
      const pods: Pod[] = [];
      let stopping = false;
      const stopAll = (signal: NodeJS.Signals) => {
        if (stopping) return;
        stopping = true;
        say(`runner: ${signal}: stopping the pods`);
        void stopPods(pods, signal);
      };
      const unguard = guardPods(pods, stopAll);
      let received: Record<string, number> | undefined;
      let published: Record<string, number> | undefined;
      const aeronCounters = new Map<string, Record<string, number>>();
      let ready: () => void = () => {};
      const wait = (text: string, line: string) => line.includes(text) && ready();
      const errorLines = new Map<string, number>();
      let lastValues = 0;
      let lastAt = performance.now();
      const started = performance.now();
      const onLine = (name: string) => (line: string) => {
        wait(name === 'subscribe' ? 'subscribe: listening' : 'publish: sending', line);
        const progress = /progress: (\d+) values/.exec(line);
        if (progress) {
          const values = Number(progress[1]);
          const now = performance.now();
          const rate = ((values - lastValues) / (now - lastAt)) * 1000;
          say(
            `runner: ${values.toLocaleString('en')} values received, ${(rate / 1e6).toFixed(2)} M values/s`,
          );
          lastValues = values;
          lastAt = now;
          return;
        }
        const counters = parseAeronCounters(line);
        if (counters) aeronCounters.set(name, counters);
        const totals = parseTotals(line);
        if (totals && name === 'subscribe') received = totals;
        else if (totals) published = totals;
        if (line.startsWith(`${name}:`) || totals) say(`[${name}] ${line}`);
        else if (/ERROR|FAILED|Error/.test(line)) {
          // a pod in a restart loop can print thousands of errors: show the first few
          const seen = (errorLines.get(name) ?? 0) + 1;
          errorLines.set(name, seen);
          if (seen <= MAX_ERROR_LINES) say(`[${name}] ${line}`);
          else if (seen === MAX_ERROR_LINES + 1) say(`[${name}] … further error lines not shown`);
        }
      };
      try {
        status = 'starting the subscribe pod…';
        const readyFor = () => new Promise<void>((r) => (ready = r));
        const subscribeReady = readyFor();
        pods.push(startPod('subscribe', podArgs, onLine('subscribe')));
        await Promise.race([subscribeReady, pods[0]?.exited]);
        status = 'starting the publish pod…';
        const publishReady = readyFor();
        if (!stopping && isAlive(pods[0] as Pod)) pods.push(startPod('publish', podArgs, onLine('publish')));
        await Promise.race([publishReady, ...pods.map((p) => p.exited)]);
        status = 'running (Ctrl-C stops both pods)';
        // When one pod fails, the other cannot finish: stop it.
        const codes = await Promise.all(
          pods.map(async (pod) => {
            const code = await pod.exited;
            if (code !== 0 && !stopping) {
              say(`runner: ${pod.name} failed (exit ${code}): stopping the other pod`);
              stopAll('SIGTERM');
            }
            return code;
          }),
        );
        status = '';
        const seconds = (performance.now() - started) / 1000;
        if (received) {
          say(throughputReport(received, seconds));
          say(transferReport(aeronCounters.get('publish'), aeronCounters.get('subscribe')));
        }
        if (published && received && published.values !== received.values) {
          say(`runner: MISMATCH: published ${published.values} values, received ${received.values}`);
          return 1;
        }
        const failed = codes.some((c) => c !== 0) || pods.length < 2;
        say(failed ? 'runner: a pod failed' : 'runner: both pods finished cleanly');
        return failed ? 1 : 0;
      } finally {
        clearInterval(spinner);
        await stopPods(pods);
        unguard();
      }
    },
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2));
}
