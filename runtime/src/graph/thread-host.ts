/**
 * The main thread's side of one worker thread: relays its log records, keeps its
 * actors' veto reports and state snapshots, and replaces the thread if it dies
 * before its actors stopped (their channels live on in shared memory).
 */
import { restoreState } from '../actor/state.ts';
import { createLogger, deliver } from '../log/logger.ts';
import type { SpawnedThread } from '../platform/types.ts';
import type { StageDirection } from '../simulation/stage.ts';
import type { GraphControl } from './control.ts';
import { spawnHostThread } from './spawn.ts';
import type { DirectorMessage, HostMessage, ThreadPlan } from './thread-plan.ts';

export interface ThreadEvents {
  onVeto(actor: number, condition: string | undefined): void;
  onStopped(actor: number, error: string | undefined, fatal?: boolean): void;
  isStopped(actor: number): boolean;
}

export class ThreadHost {
  private worker: SpawnedThread | undefined;
  private generation = 0;
  private terminated = false;
  private readonly log = createLogger('graph');
  private nextDirection = 1;
  private readonly directions = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();

  constructor(
    private readonly label: string,
    private plan: ThreadPlan,
    private readonly control: GraphControl,
    private readonly events: ThreadEvents,
    /** Re-wires an actor's arguments with the latest state snapshots (for a replacement thread). */
    private readonly rewire: (actor: number) => readonly unknown[],
  ) {}

  start(): void {
    const worker = spawnHostThread(this.plan, this.label);
    const generation = ++this.generation;
    this.worker = worker;
    worker.onMessage((message) => this.onMessage(message as HostMessage));
    worker.onError((error) => this.log.error(`thread ${this.label} failed: ${error.stack ?? error.message}`));
    worker.onExit((code) => {
      if (generation === this.generation) this.onExit(code);
    });
  }

  /** Whether this thread hosts the actor with that index. */
  hosts(actor: number): boolean {
    return this.plan.actors.some((a) => a.index === actor);
  }

  /** Kills the thread (whole-thread failure injection in tests uses this too). */
  async terminate(): Promise<void> {
    this.terminated = true;
    await this.worker?.terminate();
  }

  /** Kills the current thread without giving up on its actors: they move to a new thread. */
  async kill(): Promise<void> {
    await this.worker?.terminate();
  }

  /** Sends a stage direction to a simulated actor on this thread; settles when it was performed. */
  direct(actor: number, direction: StageDirection): Promise<void> {
    const id = this.nextDirection++;
    return new Promise<void>((resolve, reject) => {
      this.directions.set(id, { resolve, reject });
      this.worker?.post({ type: 'direction', id, actor, direction } satisfies DirectorMessage);
    });
  }

  private onMessage(message: HostMessage): void {
    switch (message.type) {
      case 'direction-done': {
        const pending = this.directions.get(message.id);
        this.directions.delete(message.id);
        if (message.error === undefined) pending?.resolve();
        else pending?.reject(new Error(message.error));
        break;
      }
      case 'log':
        deliver(message.record);
        break;
      case 'veto':
        this.events.onVeto(message.actor, message.condition);
        break;
      case 'stopped':
        for (const { id, value } of message.snapshots) restoreState(id, value);
        this.events.onStopped(message.actor, message.error, message.fatal);
        break;
    }
  }

  private onExit(code: number): void {
    const orphans = this.plan.actors.filter((a) => !this.events.isStopped(a.index));
    if (orphans.length === 0) return;
    const names = orphans.map((a) => a.name).join(', ');
    if (this.terminated || this.control.isShutdownRequested()) {
      for (const actor of orphans)
        this.events.onStopped(actor.index, `thread ${this.label} ended (exit code ${code})`);
      return;
    }
    // A dead thread is a failure of every actor it hosted: restart them all on a new thread.
    for (const actor of orphans) this.control.countRestart(actor.index);
    this.log.error(`thread ${this.label} died (exit code ${code}); restarting ${names} on a new thread`);
    this.plan = {
      ...this.plan,
      actors: orphans.map((a) => ({ ...a, args: this.rewire(a.index) })),
    };
    this.start();
  }
}
