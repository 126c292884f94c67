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
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type BenchOptions, benchCommand, parseBenchOptions, runIfEntryPoint } from '../src/bench/index.ts';
import { choiceOption } from '../src/cli/command-line.ts';

/** The bench programs beside this file, in the order they run. */
export const BENCHES = ['channels', 'aeron', 'telemetry'] as const;
type Bench = (typeof BENCHES)[number];

interface Options extends BenchOptions {
  readonly only?: Bench[];
}

/** Runs one bench program with tsx, its output shown as it comes; resolves to its exit code. */
function runBench(name: Bench, args: readonly string[]): Promise<number> {
  const file = fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], { stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const options = parseBenchOptions<Options>(
    benchCommand('bench', 'Every runtime benchmark, each in its own process.').option(
      '--only <names>',
      `run only these benches, comma-separated: ${BENCHES.join(', ')}`,
      (value: string) => value.split(',').map(choiceOption(BENCHES)),
    ),
    argv,
  );
  const failed: string[] = [];
  for (const name of BENCHES) {
    if (options.only && !options.only.includes(name)) continue;
    process.stdout.write(`\n== ${name}.ts ==\n`);
    const code = await runBench(name, options.smoke ? ['--smoke'] : []);
    if (code !== 0) failed.push(`${name}.ts (exit ${code})`);
  }
  if (failed.length > 0) throw new Error(`benches failed: ${failed.join(', ')}`);
}

runIfEntryPoint(import.meta.url, main);
