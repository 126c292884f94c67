/**
 * What every bench entry shares: its command line (`--smoke` on every bench, each adds its own
 * options), the check that a module was started as a program, and how it ends (exit 0 once its
 * tables are printed, 1 with the error otherwise, even when worker threads or sockets are left).
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isMainThread } from 'node:worker_threads';
import { Command, InvalidArgumentError } from 'commander';
import { parseCommandLineOrExit } from '../cli/command-line.ts';

export interface BenchOptions {
  /** A few thousand messages, seconds in all: proves the bench runs and prints its tables (`npm test`). */
  readonly smoke: boolean;
}

/** A command line with `--smoke`; add the bench's own options to it, then `parseBenchOptions`. */
export function benchCommand(name: string, description: string): Command {
  return new Command(name)
    .description(description)
    .option(
      '--smoke',
      'a few thousand messages, a few seconds: checks the bench runs, measures nothing',
      false,
    );
}

/**
 * Adds `--only <what>` to `command`: run only some of `names` (its benches, its sections), given
 * comma-separated. A name it does not have is refused by name, with exit code 2.
 */
export function onlyOption<T extends string>(command: Command, names: readonly T[], what: string): Command {
  return command.option(
    `--only <${what}>`,
    `run only these ${what}, comma-separated: ${names.join(', ')}`,
    (value: string) =>
      value.split(',').map((name) => {
        if (!names.includes(name as T))
          throw new InvalidArgumentError(`"${name}" is not one of ${names.join(', ')}.`);
        return name as T;
      }),
  );
}

/** Parses the bench's command line; a bad argument prints one line and exits with code 2. */
export function parseBenchOptions<T extends BenchOptions>(
  command: Command,
  argv: readonly string[] = process.argv.slice(2),
): T {
  return parseCommandLineOrExit<T>(command, argv);
}

/** True when the module at `moduleUrl` is the program node was started with (not imported, not a worker). */
export function isEntryPoint(moduleUrl: string): boolean {
  const started = process.argv[1];
  if (!isMainThread || !started) return false;
  try {
    return realpathSync(started) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}

/**
 * Runs `main` if the module at `moduleUrl` is the program, then exits: 0 when it resolved, 1
 * with the error printed when it threw (a bench that breaks must fail loudly, never hang).
 */
export function runIfEntryPoint(moduleUrl: string, main: () => Promise<unknown>): void {
  if (!isEntryPoint(moduleUrl)) return;
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
