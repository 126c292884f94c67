/**
 * Command-line parsing shared by the lessons: commander does the parsing and the
 * help text; this adds value checks and the exit conventions (2 and a one-line
 * message for a bad argument, never a stack trace).
 */
import { type Command, CommanderError, InvalidArgumentError } from 'commander';
import { SteadyError } from '../errors.ts';
import { shutDownOnInterrupt } from './interrupt.ts';

/** A parser for an integer option within [min, max]. */
export function integerOption(min: number, max = Number.MAX_SAFE_INTEGER): (value: string) => number {
  return (value: string) => {
    const trimmed = value.trim();
    if (!/^[+-]?\d+$/.test(trimmed)) throw new InvalidArgumentError(`"${value}" is not a whole number.`);
    const n = Number(trimmed);
    if (n < min || n > max) {
      throw new InvalidArgumentError(
        max === Number.MAX_SAFE_INTEGER
          ? `must be at least ${min}, got ${n}.`
          : `must be between ${min} and ${max}, got ${n}.`,
      );
    }
    return n;
  };
}

/** A parser for an option that must be one of `choices`. */
export function choiceOption<T extends string>(choices: readonly T[]): (value: string) => T {
  return (value: string) => {
    if (!choices.includes(value as T))
      throw new InvalidArgumentError(`must be one of ${choices.join(', ')}.`);
    return value as T;
  };
}

/** Thrown instead of exiting, so tests can check a bad command line. */
export class UsageError extends SteadyError {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super('UsageError', message);
  }
}

/**
 * Parses `argv` (user arguments only, without node and the script) with `program`.
 * Help and version print and throw UsageError(exit 0); a bad argument throws UsageError(exit 2).
 */
export function parseCommandLine<T>(program: Command, argv: readonly string[]): T {
  let written = '';
  program.exitOverride().configureOutput({
    writeOut: (text) => {
      written += text;
    },
    writeErr: (text) => {
      written += text;
    },
  });
  try {
    program.parse([...argv], { from: 'user' });
    return program.opts() as T;
  } catch (error) {
    if (error instanceof CommanderError) {
      const ok = error.exitCode === 0;
      throw new UsageError(written.trimEnd() || error.message, ok ? 0 : 2);
    }
    throw error;
  }
}

/** For a program's entry: parse, or print the help/error and exit with its code. */
export function parseCommandLineOrExit<T>(
  program: Command,
  argv: readonly string[] = process.argv.slice(2),
): T {
  try {
    return parseCommandLine<T>(program, argv);
  } catch (error) {
    if (error instanceof UsageError) {
      (error.exitCode === 0 ? process.stdout : process.stderr).write(`${error.message}\n`);
      process.exit(error.exitCode);
    }
    throw error;
  }
}

/**
 * The body of a program's `main`: parses the arguments, prints help or a usage error (exit
 * code 0 or 2, no stack trace), else runs `body`. Resolves to the process exit code. While
 * `body` runs, Ctrl-C shuts the running graphs down cleanly, and a second Ctrl-C ends the
 * program at once (`interrupt.ts`).
 */
export async function runProgram<A>(
  argv: readonly string[],
  parse: (argv: readonly string[]) => A,
  body: (args: A) => Promise<number | undefined>,
): Promise<number> {
  let args: A;
  try {
    args = parse(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    (error.exitCode === 0 ? process.stdout : process.stderr).write(`${error.message}\n`);
    return error.exitCode;
  }
  const stopAnswering = shutDownOnInterrupt();
  try {
    return (await body(args)) ?? 0;
  } finally {
    stopAnswering();
  }
}
