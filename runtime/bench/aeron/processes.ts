/**
 * The Aeron bench's child processes: each role (publisher, subscriber, ping, pong, and their bare
 * `node:dgram` counterparts) runs in a process of its own and prints one JSON line of results,
 * which the parent reads back. A watchdog kills a pair that hangs.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { moduleProcessArgs } from '../../src/bench/index.ts';

export interface Child {
  readonly proc: ChildProcess;
  /** Every whole line the child printed on stdout so far. */
  readonly lines: string[];
  readonly exited: Promise<number | null>;
}

export function child(command: string, args: string[], env?: NodeJS.ProcessEnv): Child {
  const proc = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'], env: env ?? process.env });
  const lines: string[] = [];
  let buffered = '';
  proc.stdout!.on('data', (d) => {
    buffered += d;
    const parts = buffered.split('\n');
    buffered = parts.pop()!;
    lines.push(...parts);
  });
  const exited = new Promise<number | null>((r) => proc.on('exit', r));
  return { proc, lines, exited };
}

/** A TypeScript module run as a role: `file role …args`, compiled first (`moduleProcessArgs`). */
export async function tsChild(file: string, args: string[]): Promise<Child> {
  return child(process.execPath, [...(await moduleProcessArgs(file)), ...args]);
}

export async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  const end = performance.now() + ms;
  while (!check()) {
    if (performance.now() > end) throw new Error(`bench: no ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Kills `procs` if they outlive `ms`; returns the cancel function. */
export function watchdog(procs: ChildProcess[], ms: number): () => void {
  const timer = setTimeout(() => {
    for (const p of procs) p.kill();
  }, ms);
  return () => clearTimeout(timer);
}

/** The last JSON line a role printed. */
export function lastJson<T>(lines: string[], what: string): T {
  const line = lines.findLast((l) => l.startsWith('{'));
  if (!line) throw new Error(`bench: no result from ${what}`);
  return JSON.parse(line) as T;
}

/** Waits for both processes of a pair; throws when either failed. */
export async function bothExited(a: Child, b: Child, ms: number, what: string): Promise<void> {
  const cancel = watchdog([a.proc, b.proc], ms);
  const [codeA, codeB] = await Promise.all([a.exited, b.exited]);
  cancel();
  if (codeA !== 0 || codeB !== 0) throw new Error(`bench: ${what} failed (exit ${codeA}, ${codeB})`);
}

/** Parses a role's numeric argument, refusing anything else with a clear message. */
export function numberArg(value: string | undefined, name: string): number {
  const n = Number(value);
  if (value === undefined || value === '' || !Number.isFinite(n) || n < 0)
    throw new RangeError(`bench role: ${name} must be a non-negative number, got "${value}"`);
  return n;
}

/** A role a bench program runs as a child process: its arguments' names, and what it does with them. */
export interface Role {
  readonly args: readonly string[];
  readonly run: (...values: number[]) => Promise<void>;
}

/**
 * What a bench program started as `<program> <role> …numbers` must do: run that role (its
 * arguments checked by `numberArg`), or, when the first argument names no role, `otherwise` with
 * the whole command line (the bench itself). A program with roles only refuses anything else.
 */
export async function roleOr(
  program: string,
  roles: Readonly<Record<string, Role>>,
  argv: readonly string[],
  otherwise?: (argv: readonly string[]) => Promise<void>,
): Promise<void> {
  const [name = '', ...values] = argv;
  const role = Object.hasOwn(roles, name) ? roles[name] : undefined;
  if (role) return role.run(...role.args.map((arg, i) => numberArg(values[i], arg)));
  if (otherwise) return otherwise(argv);
  throw new Error(`usage: ${program} ${Object.keys(roles).join('|')} …numbers   (unknown role "${name}")`);
}
