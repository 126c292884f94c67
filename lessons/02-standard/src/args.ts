/** The command line of this lesson. */
import { Command, integerOption, parseCommandLine } from '@steady/runtime';

export interface MainArgs {
  /** Milliseconds between heartbeats. */
  readonly rate: number;
  /** Heartbeats before the heartbeat actor stops the graph. */
  readonly beats: number;
}

export const DEFAULT_ARGS: MainArgs = { rate: 1000, beats: 120 };

export function commandLine(): Command {
  return new Command('02-standard')
    .description('A pipeline: generator and heartbeat feed a FizzBuzz worker, which feeds a logger.')
    .option(
      '-r, --rate <ms>',
      'milliseconds between heartbeats',
      integerOption(1, 3_600_000),
      DEFAULT_ARGS.rate,
    )
    .option('-b, --beats <n>', 'heartbeats before shutdown', integerOption(1), DEFAULT_ARGS.beats);
}

/** Parses user arguments; throws UsageError (exit code 0 for --help, 2 for a bad value). */
export function parseArgs(argv: readonly string[]): MainArgs {
  return parseCommandLine<MainArgs>(commandLine(), argv);
}
