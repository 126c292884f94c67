/**
 * `npm run bench` (at the root, or `npm run bench -w runtime`): every runtime benchmark, one
 * after the other, each in a process of its own so that one bench's threads, memory and JIT
 * state do not colour the next one's figures, and a bench that fails does not hide the others.
 *
 *   npm run bench -- --smoke              every bench with tiny counts (what `npm test` runs)
 *   npm run bench -- --only channels      some benches only
 *
 * Every `.ts` file beside this one is a bench program that prints Markdown tables and takes
 * `--smoke`; each is listed in BENCHES (a test checks that none is left out).
 *
 * A smoke run's figures mean nothing, so its benches run side by side (each one's output kept
 * together and printed in order): the test suite waits for the slowest, not for the sum.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  type BenchOptions,
  benchCommand,
  moduleProcessArgs,
  onlyOption,
  parseBenchOptions,
  runIfEntryPoint,
} from '../src/bench/index.ts';

/** The bench programs beside this file, in the order they run. */
export const BENCHES = ['channels', 'aeron', 'telemetry'] as const;
type Bench = (typeof BENCHES)[number];

interface Options extends BenchOptions {
  readonly only?: Bench[];
}

interface BenchRun {
  readonly code: number;
  /** What it printed (stdout and stderr as they came), when it was not shown as it came. */
  readonly output: string;
}

/**
 * Runs one bench program, compiled first (`moduleProcessArgs`); resolves to its exit code. Its
 * output is shown as it comes, or with `keepOutput` gathered and returned.
 */
async function runBench(name: Bench, args: readonly string[], keepOutput = false): Promise<BenchRun> {
  const file = fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
  const nodeArgs = await moduleProcessArgs(file);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, ...args], {
      stdio: keepOutput ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    const chunks: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.once('error', reject);
    child.once('close', (code, signal) =>
      resolve({ code: code ?? (signal ? 128 : 1), output: Buffer.concat(chunks).toString('utf8') }),
    );
  });
}

export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const options = parseBenchOptions<Options>(
    onlyOption(
      benchCommand('bench', 'Every runtime benchmark, each in its own process.'),
      BENCHES,
      'benches',
    ),
    argv,
  );
  const names = BENCHES.filter((name) => !options.only || options.only.includes(name));
  const failed: string[] = [];
  const report = (name: Bench, { code }: BenchRun) => {
    if (code !== 0) failed.push(`${name}.ts (exit ${code})`);
  };
  if (options.smoke) {
    const runs = await Promise.all(names.map((name) => runBench(name, ['--smoke'], true)));
    names.forEach((name, i) => {
      process.stdout.write(`\n== ${name}.ts ==\n${runs[i]!.output}`);
      report(name, runs[i]!);
    });
  } else
    for (const name of names) {
      process.stdout.write(`\n== ${name}.ts ==\n`);
      report(name, await runBench(name, []));
    }
  if (failed.length > 0) throw new Error(`benches failed: ${failed.join(', ')}`);
}

runIfEntryPoint(import.meta.url, main);
