/** The command line of this lesson: how fast to beat and how many beats. */
import { Command, integerOption, parseCommandLine } from '@steady/runtime';

export interface MainArgs {
  /** Milliseconds between beats. */
  readonly rate: number;
  /** Beats before the heartbeat stops the whole graph. */
  readonly beats: number;
}

export const DEFAULT_ARGS: MainArgs = { rate: 1000, beats: 60 };

export function commandLine(): Command {
  return new Command('01-minimum')
    .description('One actor, a heartbeat: beats at a fixed rate, then stops the graph.')
    .option('-r, --rate <ms>', 'milliseconds between beats', integerOption(1, 3_600_000), DEFAULT_ARGS.rate)
    .option('-b, --beats <n>', 'beats before shutdown', integerOption(1), DEFAULT_ARGS.beats);
}

/** Parses user arguments; throws UsageError (exit code 0 for --help, 2 for a bad value). */
export function parseArgs(argv: readonly string[]): MainArgs {
  return parseCommandLine<MainArgs>(commandLine(), argv);
}
