/** The command line of this lesson. */
import { Command, integerOption, parseCommandLine } from '@steady/runtime';

export interface MainArgs {
  /** Milliseconds between heartbeats. */
  readonly rate: number;
  /** Heartbeats before the heartbeat actor stops the graph. */
  readonly beats: number;
  /** Whether the actors fail on purpose (the lesson's demonstration; off in unit tests). */
  readonly failures: boolean;
}

export const DEFAULT_ARGS: MainArgs = { rate: 1000, beats: 60, failures: true };
/** Arguments for tests: the same pipeline, without the planned failures. */
export const TEST_ARGS: MainArgs = { rate: 20, beats: 60, failures: false };

export function commandLine(): Command {
  return new Command('03-robust')
    .description('The lesson 2 pipeline, failing on purpose: restarts lose nothing and duplicate nothing.')
    .option(
      '-r, --rate <ms>',
      'milliseconds between heartbeats',
      integerOption(1, 3_600_000),
      DEFAULT_ARGS.rate,
    )
    .option('-b, --beats <n>', 'heartbeats before shutdown', integerOption(1), DEFAULT_ARGS.beats)
    .option('--no-failures', 'run without the planned failures');
}

/** Parses user arguments; throws UsageError (exit code 0 for --help, 2 for a bad value). */
export function parseArgs(argv: readonly string[]): MainArgs {
  return parseCommandLine<MainArgs>(commandLine(), argv);
}
