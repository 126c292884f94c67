/** The command line of this lesson: the defaults of the Rust lesson, and the knobs to reproduce its trade-offs. */
import { Command, choiceOption, integerOption, parseCommandLine } from '@steady/runtime';

export const WORKER_KINDS = ['zero-copy', 'double-buffer'] as const;
export type WorkerKind = (typeof WORKER_KINDS)[number];

/** Where the actors run; see `src/placement.ts`. */
export const PLACEMENTS = ['default', 'two-threads', 'all-solo', 'one-thread'] as const;
export type Placement = (typeof PLACEMENTS)[number];

export interface MainArgs {
  /** Milliseconds between heartbeats. */
  readonly rate: number;
  /** Heartbeats before the heartbeat actor stops the graph. */
  readonly beats: number;
  /** How the worker moves a batch: in place (zero copy) or through a buffer. */
  readonly worker: WorkerKind;
  /** Messages per batch (each actor also caps it at half its ring). */
  readonly chunk: number;
  /** Which actors share a thread. */
  readonly placement: Placement;
  /** Turns a wait spins before it sleeps. */
  readonly spin: number;
}

/** Largest chunk: half of the 2^21-slot rings. */
export const MAX_CHUNK = 2 ** 20;

export const DEFAULT_ARGS: MainArgs = {
  rate: 2,
  beats: 30_000,
  worker: 'zero-copy',
  chunk: 2 ** 16,
  placement: 'default',
  spin: 2000,
};

export function commandLine(): Command {
  return new Command('04-performant')
    .description('FizzBuzz at full speed: huge rings, batches in place, zero copy across threads.')
    .option(
      '-r, --rate <ms>',
      'milliseconds between heartbeats',
      integerOption(1, 3_600_000),
      DEFAULT_ARGS.rate,
    )
    .option('-b, --beats <n>', 'heartbeats before shutdown', integerOption(1), DEFAULT_ARGS.beats)
    .option(
      '-w, --worker <kind>',
      `how the worker moves a batch: ${WORKER_KINDS.join(' or ')}`,
      choiceOption(WORKER_KINDS),
      DEFAULT_ARGS.worker,
    )
    .option(
      '-c, --chunk <n>',
      `messages per batch, 1 … ${MAX_CHUNK} (half the ring)`,
      integerOption(1, MAX_CHUNK),
      DEFAULT_ARGS.chunk,
    )
    .option(
      '-p, --placement <name>',
      `which actors share a thread: ${PLACEMENTS.join(', ')}`,
      choiceOption(PLACEMENTS),
      DEFAULT_ARGS.placement,
    )
    .option(
      '-s, --spin <turns>',
      'turns a wait spins before it sleeps (0: sleep at once)',
      integerOption(0, 10_000_000),
      DEFAULT_ARGS.spin,
    );
}

/** Parses user arguments; throws UsageError (exit code 0 for --help, 2 for a bad value). */
export function parseArgs(argv: readonly string[]): MainArgs {
  return parseCommandLine<MainArgs>(commandLine(), argv);
}

/** The batch an actor works in: the chunk, but never more than half its ring (two batches in flight). */
export function batchSize(chunk: number, capacity: number): number {
  return Math.max(1, Math.min(chunk, Math.floor(capacity / 2)));
}
