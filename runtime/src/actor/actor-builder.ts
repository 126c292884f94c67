/**
 * Builds actors: a name (and suffix), monitoring options for telemetry, and where the
 * actor runs (its own thread, a troupe's thread, or the calling thread in tests).
 */
import type { ActorCounters } from '../telemetry/counters.ts';
import {
  type ActorTelemetryOptions,
  addPercentile,
  type Colour,
  checkWindowMs,
  DEFAULT_ACTOR_TELEMETRY,
  type Trigger,
} from '../telemetry/options.ts';
import type { SteadyActor } from './context.ts';
import type { ActorBehavior, ActorDefinition } from './definition.ts';
import { isActorDefinition } from './definition.ts';

/** A group of actors sharing one worker thread, cooperatively (each await lets another run). */
export class Troupe {
  constructor(readonly id: number) {}
}

export type Schedule =
  | { readonly kind: 'solo' }
  | { readonly kind: 'troupe'; readonly troupe: Troupe }
  | { readonly kind: 'calling-thread' };

/** Runs the actor on a worker thread of its own. */
export const SoloAct: Schedule = Object.freeze({ kind: 'solo' });
/** Runs the actor on the thread that starts the graph (tests; actors given as closures). */
export const CallingThread: Schedule = Object.freeze({ kind: 'calling-thread' });
/** Runs the actor on the troupe's shared worker thread. */
export const memberOf = (troupe: Troupe): Schedule => ({ kind: 'troupe', troupe });

/** OTP-style restart intensity: more than `maxRestarts` within `windowMs` stops the graph. */
export interface RestartPolicy {
  readonly maxRestarts: number;
  readonly windowMs: number;
  /** Delay before a restart, doubled for each recent failure (capped at 5 s); 0 restarts at once. */
  readonly backoffMs: number;
}

/** Exactly-once settings: the size of the shared record that keeps the last commit. */
export interface ExactlyOnceOptions {
  readonly recordBytes: number;
}

export interface ActorSpec {
  readonly name: string;
  /** Set when the actor commits its sends, takes and state together at every await. */
  readonly exactlyOnce: ExactlyOnceOptions | undefined;
  readonly restartPolicy: RestartPolicy | undefined;
  readonly suffix: number | undefined;
  readonly telemetry: ActorTelemetryOptions;
  /** Counters of its own the actor publishes for telemetry, if any. */
  readonly counters: ActorCounters | undefined;
  readonly schedule: Schedule;
  readonly definition: ActorDefinition<unknown[]> | undefined;
  readonly closure: ((actor: SteadyActor) => Promise<void>) | undefined;
  readonly args: readonly unknown[];
}

export interface ActorRegistry {
  addActor(spec: ActorSpec): void;
}

interface ActorSettings {
  readonly name: string | undefined;
  readonly suffix: number | undefined;
  readonly telemetry: ActorTelemetryOptions;
  readonly exactlyOnce: ExactlyOnceOptions | undefined;
  readonly restartPolicy: RestartPolicy | undefined;
  readonly counters: ActorCounters | undefined;
}

export class ActorBuilder {
  constructor(
    private readonly registry: ActorRegistry,
    private readonly settings: ActorSettings = {
      name: undefined,
      suffix: undefined,
      telemetry: DEFAULT_ACTOR_TELEMETRY,
      exactlyOnce: undefined,
      restartPolicy: undefined,
      counters: undefined,
    },
  ) {}

  private with(patch: Partial<ActorSettings>): ActorBuilder {
    return new ActorBuilder(this.registry, { ...this.settings, ...patch });
  }

  private withTelemetry(patch: Partial<ActorTelemetryOptions>): ActorBuilder {
    return this.with({ telemetry: { ...this.settings.telemetry, ...patch } });
  }

  /**
   * Shows `counters` (which the actor also receives among its arguments and writes) on its node
   * of the dashboard and in /metrics.
   */
  withCounters(counters: ActorCounters): ActorBuilder {
    return this.with({ counters });
  }

  withName(name: string): ActorBuilder {
    if (!name) throw new TypeError('an actor name must not be empty');
    return this.with({ name, suffix: undefined });
  }

  /** A name plus a number, for several actors of one kind (`worker` 1 → `worker1`). */
  withNameAndSuffix(name: string, suffix: number): ActorBuilder {
    if (!name) throw new TypeError('an actor name must not be empty');
    if (!Number.isInteger(suffix) || suffix < 0)
      throw new RangeError(`actor suffix must be an integer >= 0, got ${suffix}`);
    return this.with({ name, suffix });
  }

  /**
   * Exactly-once processing across failures: everything the actor sends, takes and changes in
   * its state between two awaits commits together at the next await of the runtime (a wait or
   * `isRunning`). A throw — or the death of its thread — rolls the actor back to its last
   * commit: nothing it sent since is seen downstream, nothing it took is lost.
   */
  withExactlyOnce(options: Partial<ExactlyOnceOptions> = {}): ActorBuilder {
    return this.with({ exactlyOnce: { recordBytes: options.recordBytes ?? 64 * 1024 } });
  }

  /**
   * Stops the graph with a clear error if the actor fails more than `maxRestarts` times within
   * `windowMs` (instead of restarting forever), waiting `backoffMs` (doubling) between restarts.
   */
  withRestartLimit(maxRestarts: number, windowMs: number, backoffMs = 0): ActorBuilder {
    if (!Number.isInteger(maxRestarts) || maxRestarts < 0)
      throw new RangeError(`maxRestarts must be an integer >= 0`);
    if (!(windowMs > 0)) throw new RangeError(`the restart window must be > 0 ms`);
    if (!(backoffMs >= 0)) throw new RangeError(`backoff must be >= 0 ms`);
    return this.with({ restartPolicy: { maxRestarts, windowMs, backoffMs } });
  }

  /** Average CPU use in mCPU (1024 = one whole core) over the telemetry window. */
  withMcpuAvg(): ActorBuilder {
    return this.withTelemetry({ mcpuAvg: true });
  }

  /** Average load: this actor's share of the graph's total work. */
  withLoadAvg(): ActorBuilder {
    return this.withTelemetry({ loadAvg: true });
  }

  /** Tracks a percentile of the actor's mCPU over the window, e.g. `withMcpuPercentile(90)`. */
  withMcpuPercentile(percentile: number): ActorBuilder {
    return this.withTelemetry({
      mcpuPercentiles: addPercentile(this.settings.telemetry.mcpuPercentiles, percentile),
    });
  }

  /** Tracks a percentile of the actor's load over the window, e.g. `withLoadPercentile(90)`. */
  withLoadPercentile(percentile: number): ActorBuilder {
    return this.withTelemetry({
      loadPercentiles: addPercentile(this.settings.telemetry.loadPercentiles, percentile),
    });
  }

  withMcpuTrigger(trigger: Trigger, colour: Colour): ActorBuilder {
    return this.withTelemetry({
      mcpuTriggers: [...this.settings.telemetry.mcpuTriggers, { trigger, colour }],
    });
  }

  withLoadTrigger(trigger: Trigger, colour: Colour): ActorBuilder {
    return this.withTelemetry({
      loadTriggers: [...this.settings.telemetry.loadTriggers, { trigger, colour }],
    });
  }

  withTelemetryWindow(windowMs: number): ActorBuilder {
    return this.withTelemetry({ windowMs: checkWindowMs(windowMs) });
  }

  withNoRefreshWindow(): ActorBuilder {
    return this.withTelemetry({ windowMs: 0 });
  }

  /** The options as set so far (for tests and telemetry). */
  get options(): Readonly<ActorSettings> {
    return this.settings;
  }

  /**
   * Adds an actor defined in a module (`defineActor`), with its arguments (channel ends,
   * state, data), scheduled solo, in a troupe, or on the calling thread.
   */
  build<A extends unknown[]>(definition: ActorDefinition<A>, args: A, schedule: Schedule): void;
  /** Adds an actor given as a closure: it runs on the calling thread (tests). */
  build(closure: (actor: SteadyActor) => Promise<void>, schedule?: Schedule): void;
  build(
    what: ActorDefinition<unknown[]> | ((actor: SteadyActor) => Promise<void>),
    argsOrSchedule?: unknown[] | Schedule,
    maybeSchedule?: Schedule,
  ): void {
    const name = this.settings.name ?? 'actor';
    if (isActorDefinition(what)) {
      if (!Array.isArray(argsOrSchedule))
        throw new TypeError(`actor ${name}: build(definition, args, schedule) needs an args array`);
      this.registry.addActor({
        ...this.settings,
        name,
        schedule: maybeSchedule ?? SoloAct,
        definition: what,
        closure: undefined,
        args: argsOrSchedule,
      });
      return;
    }
    if (this.settings.exactlyOnce) {
      throw new TypeError(
        `actor ${name}: withExactlyOnce needs a defineActor actor (its channel ends must be known)`,
      );
    }
    const schedule = (argsOrSchedule as Schedule | undefined) ?? CallingThread;
    if (schedule.kind !== 'calling-thread') {
      throw new TypeError(
        `actor ${name}: a closure cannot run on another thread (functions cannot cross threads); ` +
          'declare it with defineActor(import.meta.url, run) and pass its arguments, or use CallingThread',
      );
    }
    this.registry.addActor({
      ...this.settings,
      name,
      schedule,
      definition: undefined,
      closure: what,
      args: [],
    });
  }
}

export type { ActorBehavior };
