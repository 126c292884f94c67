/**
 * Builds a graph: for a program (telemetry on) or for a test (telemetry off, edge actors
 * simulated), with a shutdown barrier, spin turns and telemetry settings.
 */
import { DEFAULT_SPIN_TURNS } from '../channel/endpoint.ts';
import { DEFAULT_TELEMETRY_SETTINGS, type TelemetrySettings } from '../telemetry/index.ts';
import { Graph, type GraphSettings } from './graph.ts';

export class GraphBuilder {
  private constructor(private readonly settings: GraphSettings) {}

  /** A graph for a real program. */
  static forProduction(): GraphBuilder {
    return new GraphBuilder({
      testing: false,
      useInternalBehavior: true,
      barrier: 1,
      spinTurns: DEFAULT_SPIN_TURNS,
      telemetry: DEFAULT_TELEMETRY_SETTINGS,
    });
  }

  /** A graph for tests: telemetry off unless asked for. */
  static forTesting(): GraphBuilder {
    return new GraphBuilder({
      testing: true,
      useInternalBehavior: false,
      barrier: 1,
      spinTurns: DEFAULT_SPIN_TURNS,
      telemetry: undefined,
    });
  }

  /**
   * Turns telemetry on (or adjusts it): the collector and the HTTP server with the dashboard,
   * `/graph.dot` and `/metrics`. Test graphs get an ephemeral port unless one is given.
   */
  withTelemetry(settings: Partial<TelemetrySettings> = {}): GraphBuilder {
    const base = this.settings.telemetry ?? {
      ...DEFAULT_TELEMETRY_SETTINGS,
      port: this.settings.testing ? 0 : DEFAULT_TELEMETRY_SETTINGS.port,
    };
    return new GraphBuilder({ ...this.settings, telemetry: { ...base, ...settings } });
  }

  withoutTelemetry(): GraphBuilder {
    return new GraphBuilder({ ...this.settings, telemetry: undefined });
  }

  /** Shutdown begins only after `count` actors asked for it (the graph's own request bypasses this). */
  withShutdownBarrier(count: number): GraphBuilder {
    if (!Number.isInteger(count) || count < 1)
      throw new RangeError(`shutdown barrier must be an integer >= 1, got ${count}`);
    return new GraphBuilder({ ...this.settings, barrier: count });
  }

  /** In a test graph, run every actor's real behaviour (no simulated parts). */
  withInternalBehavior(): GraphBuilder {
    return new GraphBuilder({ ...this.settings, useInternalBehavior: true });
  }

  /** Spin turns before a wait sleeps (0: sleep at once; more: lower latency, more CPU). */
  withSpinTurns(turns: number): GraphBuilder {
    if (!Number.isInteger(turns) || turns < 0)
      throw new RangeError(`spin turns must be an integer >= 0, got ${turns}`);
    return new GraphBuilder({ ...this.settings, spinTurns: turns });
  }

  build<Args>(args: Args): Graph<Args> {
    return new Graph(args, this.settings);
  }
}
