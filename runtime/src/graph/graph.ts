/**
 * The graph: the channels and actors of one program, and their lifecycle:
 * `start()`, `requestShutdown()`, `blockUntilStopped(ms)`.
 */
import { platform } from '#platform';
import { ActorBuilder, type ActorRegistry, type ActorSpec, Troupe } from '../actor/actor-builder.ts';
import { CommitRecord } from '../actor/commit-record.ts';
import type { ActorBehavior } from '../actor/definition.ts';
import { ChannelBuilder, type ChannelRegistry, type ChannelSettings } from '../channel/channel-builder.ts';
import { type ChannelDescriptor, closeChannel, ringCounts } from '../channel/ring.ts';
import { GraphFailedError, GraphUsageError, StageError, UncleanShutdownError } from '../errors.ts';
import { createLogger, logLevel } from '../log/logger.ts';
import { trackRunningGraph } from '../platform/running-graphs.ts';
import { threadStage } from '../simulation/stage.ts';
import { StageManager } from '../simulation/stage-manager.ts';
import { startTelemetry, type TelemetryHandle } from '../telemetry/index.ts';
import type { TelemetrySource } from '../telemetry/source.ts';
import { ActorStatus, GraphControl } from './control.ts';
import type { ActorInfo, ChannelInfo, GraphSettings } from './graph-model.ts';
import { prepareHostThreads } from './spawn.ts';
import { errorText, superviseActor } from './supervisor.ts';
import { ThreadHost } from './thread-host.ts';
import type { ThreadPlan } from './thread-plan.ts';
import { channelEnds, wireArgs } from './wire.ts';

interface ActorRuntime {
  status: 'idle' | 'running' | 'stopped';
  veto: string | undefined;
  error: string | undefined;
  /** Stopped by giving up (restart limit): the graph has failed. */
  fatal: boolean;
  /** Shared record of the last commit (exactly-once actors). */
  commitRecord: SharedArrayBuffer | undefined;
  stopped: () => void;
  whenStopped: Promise<void>;
}

export class Graph<Args = unknown> implements ChannelRegistry, ActorRegistry, TelemetrySource {
  private readonly actorList: ActorInfo[] = [];
  private readonly channelList: ChannelInfo[] = [];
  private readonly troupes: Troupe[] = [];
  private runtime: ActorRuntime[] = [];
  private readonly hosts: ThreadHost[] = [];
  private controlBlock: GraphControl | undefined;
  private keepAlive: ReturnType<typeof setInterval> | undefined;
  private telemetryHandle: TelemetryHandle | undefined;
  private readonly log = createLogger('graph');

  constructor(
    private readonly graphArgs: Args,
    readonly settings: GraphSettings,
  ) {}

  /** The graph's arguments, as handed to every actor. */
  args(): Args {
    return this.graphArgs;
  }

  channelBuilder(): ChannelBuilder<number> {
    return new ChannelBuilder(this);
  }

  actorBuilder(): ActorBuilder {
    return new ActorBuilder(this);
  }

  /** A new troupe: actors built with `memberOf(troupe)` share one worker thread. */
  actorTroupe(): Troupe {
    const troupe = new Troupe(this.troupes.length);
    this.troupes.push(troupe);
    return troupe;
  }

  get actors(): readonly ActorInfo[] {
    return this.actorList;
  }

  get channels(): readonly ChannelInfo[] {
    return this.channelList;
  }

  /** Shared control block (shutdown flag, per-actor counters); exists once started. */
  get control(): GraphControl {
    if (!this.controlBlock)
      throw new GraphUsageError('the graph has not been started: call graph.start() first');
    return this.controlBlock;
  }

  get isStarted(): boolean {
    return this.controlBlock !== undefined;
  }

  /** @internal ChannelRegistry */
  register(settings: ChannelSettings<unknown>): { id: number; name: string } {
    const id = this.channelList.length + 1;
    const name = settings.name ?? `channel${id}`;
    this.channelList.push({
      id,
      name,
      settings,
      capacity: settings.capacity,
      telemetry: settings.telemetry,
      descriptor: undefined,
      counts: undefined,
    });
    return { id, name };
  }

  /** @internal ChannelRegistry */
  attach(descriptor: ChannelDescriptor): void {
    const info = this.channelList.find((c) => c.id === descriptor.id);
    if (!info) return;
    info.descriptor = descriptor;
    info.counts = ringCounts(descriptor);
  }

  /** The running telemetry (server address, collector), when the graph has it on. */
  get telemetry(): TelemetryHandle | undefined {
    return this.telemetryHandle;
  }

  /** @internal ActorRegistry */
  addActor(spec: ActorSpec): void {
    if (this.controlBlock)
      throw new GraphUsageError(`actor ${spec.name}: actors must be built before graph.start()`);
    const name = spec.suffix === undefined ? spec.name : `${spec.name}${spec.suffix}`;
    if (this.actorList.some((a) => a.name === name)) {
      throw new GraphUsageError(`two actors are named ${name}: use withNameAndSuffix for several of a kind`);
    }
    const ends = channelEnds(spec.args);
    this.actorList.push({
      index: this.actorList.length,
      name,
      spec,
      telemetry: spec.telemetry,
      counters: spec.counters,
      sends: ends.tx,
      takes: ends.rx,
    });
  }

  /** Starts every actor on its thread. */
  start(): void {
    if (this.controlBlock)
      throw new GraphUsageError(
        'the graph was already started: a graph starts once; build a new one to run again',
      );
    const control = GraphControl.allocate(this.actorList.length, this.settings.barrier);
    this.controlBlock = control;
    this.runtime = this.actorList.map(() => {
      let stopped!: () => void;
      const whenStopped = new Promise<void>((resolve) => {
        stopped = resolve;
      });
      return {
        status: 'idle',
        veto: undefined,
        error: undefined,
        fatal: false,
        stopped,
        whenStopped,
        commitRecord: undefined,
      };
    });
    for (const actor of this.actorList) {
      const exactlyOnce = actor.spec.exactlyOnce;
      if (exactlyOnce)
        this.runtime[actor.index]!.commitRecord = CommitRecord.allocate(exactlyOnce.recordBytes);
    }
    // Actors sleeping in Atomics.waitAsync hold no event-loop handle; keep the process up until all stopped.
    this.keepAlive = setInterval(() => {}, 1 << 30);
    const untrack = trackRunningGraph(() => this.requestShutdown()); // a host's Stop reaches it
    Promise.all(this.runtime.map((r) => r.whenStopped)).then(() => {
      clearInterval(this.keepAlive);
      untrack();
    });

    const threads = new Map<string, ActorInfo[]>();
    for (const actor of this.actorList) {
      const { schedule } = actor.spec;
      this.runtime[actor.index]!.status = 'running';
      if (schedule.kind === 'calling-thread') {
        this.runHere(actor, control);
      } else {
        const key = schedule.kind === 'solo' ? `solo:${actor.name}` : `troupe:${schedule.troupe.id}`;
        threads.set(key, [...(threads.get(key) ?? []), actor]);
      }
    }
    if (this.settings.telemetry) this.telemetryHandle = startTelemetry(this, this.settings.telemetry);
    const plans = [...threads].map(([key, members]) => ({
      label: key.startsWith('solo:')
        ? members[0]!.name
        : `troupe${key.slice(7)}(${members.map((m) => m.name).join(',')})`,
      plan: this.threadPlan(members, control),
    }));
    prepareHostThreads(plans.map((p) => p.plan));
    for (const { label, plan } of plans) {
      const host = new ThreadHost(label, plan, control, this.threadEvents(), (index) =>
        this.actorList[index]!.spec.args.map(wireArgs),
      );
      this.hosts.push(host);
      host.start();
    }
  }

  /** Asks every actor to stop (bypasses the shutdown barrier). */
  requestShutdown(): void {
    this.control.requestShutdown(true);
  }

  /**
   * Waits for shutdown to be requested, then up to `timeoutMs` for every actor to stop.
   * Resolves on a clean stop; rejects with an UncleanShutdownError naming each actor
   * still running and the veto condition that held it.
   */
  async blockUntilStopped(timeoutMs = 1000): Promise<void> {
    const control = this.control;
    const allStopped = Promise.all(this.runtime.map((r) => r.whenStopped));
    await Promise.race([control.shutdownSignal(), allStopped]);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const outcome = await Promise.race([allStopped, timedOut]);
    clearTimeout(timer);
    await this.telemetryHandle?.stop();
    if (outcome !== 'timeout') {
      const failed = this.runtime.filter((r) => r.fatal).map((r) => r.error ?? 'failed');
      if (failed.length > 0) throw new GraphFailedError(failed);
      return;
    }
    const holdouts = this.actorList
      .filter((a) => this.runtime[a.index]?.status !== 'stopped')
      .map((a) => ({
        actor: a.name,
        condition: this.runtime[a.index]?.veto ?? 'never reached isRunning(...) after shutdown was requested',
      }));
    clearInterval(this.keepAlive);
    await Promise.all(this.hosts.map((h) => h.terminate()));
    throw new UncleanShutdownError(holdouts, timeoutMs);
  }

  /** Time the actor spent outside waits since start, in ms (shared memory; for telemetry). */
  busyMs(index: number): number {
    return this.control.busyMs(index);
  }

  /** How many times the actor was restarted (shared memory; for telemetry). */
  restarts(index: number): number {
    return this.control.restarts(index);
  }

  /** Per-actor figures read from shared memory. */
  actorStatus(index: number): {
    restarts: number;
    threadId: number;
    stopped: boolean;
    error: string | undefined;
  } {
    const control = this.control;
    return {
      restarts: control.restarts(index),
      threadId: control.threadId(index),
      stopped: this.runtime[index]?.status === 'stopped',
      error: this.runtime[index]?.error,
    };
  }

  /** Kills the worker thread hosting an actor; it is restarted on a new thread (fault injection). */
  async killThreadOf(actorName: string): Promise<void> {
    const actor = this.actorList.find((a) => a.name === actorName);
    if (!actor) throw new GraphUsageError(`no actor named ${actorName} (actors: ${this.actorNames()})`);
    const host = this.hosts.find((h) => h.hosts(actor.index));
    if (!host)
      throw new GraphUsageError(
        `actor ${actorName} does not run on a worker thread (build it with SoloAct or memberOf(troupe))`,
      );
    await host.kill();
  }

  /** The stage manager of a test graph: directs its simulated actors. */
  stageManager(): StageManager {
    return new StageManager((name, direction) => {
      const actor = this.actorList.find((a) => a.name === name);
      if (!actor)
        throw new StageError(`stage manager: no actor named ${name} (actors: ${this.actorNames()})`);
      if (actor.spec.schedule.kind === 'calling-thread') return threadStage.perform(actor.index, direction);
      const host = this.hosts.find((h) => h.hosts(actor.index));
      if (!host) throw new StageError(`stage manager: actor ${name} is not running (start the graph first)`);
      return host.direct(actor.index, direction);
    });
  }

  private actorNames(): string {
    return this.actorList.map((a) => a.name).join(', ') || 'none';
  }

  private runHere(actor: ActorInfo, control: GraphControl): void {
    const { spec } = actor;
    control.setThreadId(actor.index, platform.threadId);
    const behavior: ActorBehavior<unknown[]> = spec.definition
      ? spec.definition.behavior
      : (context) => (spec.closure as ActorBehavior<[]>)(context);
    superviseActor(
      {
        index: actor.index,
        name: actor.name,
        behavior,
        wiredArgs: spec.definition ? spec.args.map(wireArgs) : [],
        commitRecord: this.runtime[actor.index]?.commitRecord,
        restartPolicy: spec.restartPolicy,
      },
      {
        control,
        graphArgs: this.graphArgs,
        spinTurns: this.settings.spinTurns,
        adoptState: false,
        useInternalBehavior: this.settings.useInternalBehavior,
        describeOwner: (owner) => this.actorList[owner - 1]?.name ?? `actor #${owner}`,
        ...this.threadEvents(),
      },
    ).catch((error) => this.threadEvents().onStopped(actor.index, errorText(error)));
  }

  private threadPlan(members: readonly ActorInfo[], control: GraphControl): ThreadPlan {
    return {
      control: control.buffer,
      graphArgs: this.graphArgs,
      spinTurns: this.settings.spinTurns,
      logLevel: logLevel(),
      useInternalBehavior: this.settings.useInternalBehavior,
      actorNames: this.actorList.map((a) => a.name),
      actors: members.map((m) => {
        const definition = m.spec.definition;
        if (!definition)
          throw new GraphUsageError(
            `actor ${m.name}: only defineActor actors can run on a worker thread (declare it with defineActor(import.meta.url, run))`,
          );
        return {
          index: m.index,
          name: m.name,
          moduleUrl: definition.moduleUrl,
          exportName: definition.exportName,
          args: m.spec.args.map(wireArgs),
          commitRecord: this.runtime[m.index]?.commitRecord,
          restartPolicy: m.spec.restartPolicy,
        };
      }),
    };
  }

  private threadEvents() {
    return {
      onVeto: (actor: number, condition: string | undefined) => {
        const r = this.runtime[actor];
        if (r) r.veto = condition;
      },
      onStopped: (actor: number, error: string | undefined, fatal = false) => {
        const r = this.runtime[actor];
        if (!r || r.status === 'stopped') return;
        r.status = 'stopped';
        r.error = error;
        r.fatal = fatal;
        // A stopped actor never sends again: close its outputs so the actors downstream can finish.
        for (const id of this.actorList[actor]?.sends ?? []) {
          const descriptor = this.channelList.find((c) => c.id === id)?.descriptor;
          if (descriptor) closeChannel(descriptor);
        }
        this.controlBlock?.setStatus(actor, ActorStatus.Stopped);
        if (error && !this.controlBlock?.isShutdownRequested()) {
          this.log.warn(`${this.actorList[actor]?.name} stopped with an error before shutdown was requested`);
        }
        r.stopped();
      },
      isStopped: (actor: number) => this.runtime[actor]?.status === 'stopped',
    };
  }
}
