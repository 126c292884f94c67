/**
 * Runs one actor on the current thread and restarts it when it throws: the same
 * channels (their memory is shared and outlives any life) and the same state.
 *
 * Exactly-once actors commit at every await of the runtime; a failure rolls them back
 * to that commit (their channel ends and their state), so a restarted life redoes
 * exactly the work the failed one had not committed.
 */
import type { RestartPolicy } from '../actor/actor-builder.ts';
import { type Commit, CommitRecord } from '../actor/commit-record.ts';
import { SteadyActor } from '../actor/context.ts';
import type { ActorBehavior } from '../actor/definition.ts';
import { clearState, restoreState, stateSnapshot } from '../actor/state.ts';
import type { Endpoint } from '../channel/endpoint.ts';
import { Rx } from '../channel/rx.ts';
import { Tx } from '../channel/tx.ts';
import { createLogger } from '../log/logger.ts';
import { ActorStatus, type GraphControl } from './control.ts';
import { stateIds, unwireArgs } from './wire.ts';

export interface HostedActor {
  readonly index: number;
  readonly name: string;
  readonly behavior: ActorBehavior<unknown[]>;
  /** Wired arguments (module-defined actors); closures built by tests carry their own. */
  readonly wiredArgs: readonly unknown[];
  /** Shared record of the last commit, for exactly-once actors. */
  readonly commitRecord: SharedArrayBuffer | undefined;
  readonly restartPolicy: RestartPolicy | undefined;
}

export interface HostContext {
  readonly control: GraphControl;
  readonly graphArgs: unknown;
  readonly spinTurns: number;
  /** True on a thread that adopted the actors from elsewhere (its state store starts empty). */
  readonly adoptState: boolean;
  readonly useInternalBehavior: boolean;
  describeOwner(ownerId: number): string;
  onVeto(actor: number, condition: string | undefined): void;
  /** `fatal`: the actor gave up (restart limit), which fails the graph. */
  onStopped(actor: number, error: string | undefined, fatal?: boolean): void;
}

/** Owner ids in channel claims are actor index + 1, so 0 can mean "free". */
export const ownerIdOf = (actorIndex: number) => actorIndex + 1;

const MAX_BACKOFF_MS = 5000;

export async function superviseActor(actor: HostedActor, host: HostContext): Promise<void> {
  const { control } = host;
  const log = createLogger(actor.name);
  const ownerId = ownerIdOf(actor.index);
  const record = actor.commitRecord ? new CommitRecord(actor.commitRecord) : undefined;
  const states = actor.wiredArgs.flatMap((arg) => stateIds(arg));
  const initialStates = new Map(states.map((id) => [id, stateSnapshot(id)]));
  const failures: number[] = [];
  let adopt = host.adoptState;
  for (;;) {
    const endpoints: Endpoint[] = [];
    const deadLetters = new Map<Rx<unknown>, Tx<unknown>>();
    let args: unknown[];
    try {
      args = actor.wiredArgs.map((a) => unwireArgs(a, endpoints, adopt));
      adopt = false;
      for (const endpoint of [...endpoints]) {
        const target = endpoint instanceof Rx ? endpoint.descriptor.deadLetters : undefined;
        if (target) {
          const deadTx = new Tx(target);
          deadLetters.set(endpoint as Rx<unknown>, deadTx);
          endpoints.push(deadTx);
        }
      }
      if (record) recoverCommit(record.read(), endpoints);
      for (const endpoint of endpoints) {
        endpoint.transactional = record !== undefined;
        endpoint.claim(ownerId, actor.name, host.describeOwner);
      }
    } catch (error) {
      // Miswiring is not a transient failure: restarting would fail the same way.
      const text = errorText(error);
      log.error(`cannot start: ${text}`);
      control.setStatus(actor.index, ActorStatus.Stopped);
      host.onStopped(actor.index, text);
      return;
    }
    const commit = record
      ? () => {
          record.write({
            states: states.map((id) => [id, stateSnapshot(id)?.value] as const),
            positions: endpoints.map((e) => [e.descriptor.id, e.isSender, e.localPosition()] as const),
          });
          for (const endpoint of endpoints) endpoint.commitPublish();
        }
      : () => {
          for (const endpoint of endpoints) endpoint.publish();
        };
    control.setStatus(actor.index, ActorStatus.Running);
    const context = new SteadyActor({
      index: actor.index,
      name: actor.name,
      control,
      graphArgs: host.graphArgs,
      endpoints,
      spinTurns: host.spinTurns,
      reportVeto: (condition) => host.onVeto(actor.index, condition),
      useInternalBehavior: host.useInternalBehavior,
      commit,
      deadLetterOf: (rx) => deadLetters.get(rx as Rx<unknown>),
    });
    try {
      await actor.behavior(context, ...args);
      commit();
      for (const endpoint of endpoints) endpoint.release(ownerId);
      control.setStatus(actor.index, ActorStatus.Stopped);
      host.onStopped(actor.index, undefined);
      return;
    } catch (error) {
      if (record) {
        // Roll back to the last commit: uncommitted sends and takes were never published.
        rollBackStates(record.read(), states, initialStates);
        for (const endpoint of endpoints) endpoint.resync();
      }
      // Without exactly-once, whatever this life sent or took is committed now; what it only peeked stays.
      for (const endpoint of endpoints) endpoint.release(ownerId);
      const text = errorText(error);
      // During shutdown an actor that still had work in hand is restarted, so that it can finish;
      // one that had already agreed to stop is not.
      if (control.isShutdownRequested() && context.agreedToStop) {
        log.error(`failed after agreeing to stop (not restarted): ${text}`);
        control.setStatus(actor.index, ActorStatus.Stopped);
        host.onStopped(actor.index, text);
        return;
      }
      log.error(`failed: ${briefError(error)}`);
      log.debug(`failure stack: ${text}`);
      const policy = actor.restartPolicy;
      const now = performance.now();
      failures.push(now);
      while (policy && failures.length > 0 && (failures[0] as number) < now - policy.windowMs)
        failures.shift();
      if (policy && failures.length > policy.maxRestarts) {
        const reason =
          `${actor.name} failed ${failures.length} times within ${policy.windowMs} ms ` +
          `(limit ${policy.maxRestarts} restarts): giving up and stopping the graph; last error: ${firstLine(text)}`;
        log.error(reason);
        control.setStatus(actor.index, ActorStatus.Stopped);
        host.onStopped(actor.index, reason, true);
        control.requestShutdown(true);
        return;
      }
      const restarts = control.countRestart(actor.index);
      const delay = policy?.backoffMs
        ? Math.min(MAX_BACKOFF_MS, policy.backoffMs * 2 ** (failures.length - 1))
        : 0;
      log.warn(
        `restarting with the same channels and state (restart #${restarts})${delay ? ` after ${Math.round(delay)} ms` : ''}`,
      );
      if (delay > 0 && !(await sleepUnlessShutdown(control, delay))) {
        control.setStatus(actor.index, ActorStatus.Stopped);
        host.onStopped(actor.index, text);
        return;
      }
      // Give the thread's timers and messages a turn: an actor that fails at once on every start
      // would otherwise restart in a loop of microtasks, and nothing else on its thread (a
      // troupe's other actors, a test's timeouts, the request to stop) would ever run.
      if (delay === 0) await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }
}

/** A dead thread may have committed without publishing: put the ends where the commit says. */
function recoverCommit(commit: Commit | undefined, endpoints: readonly Endpoint[]): void {
  if (!commit) return;
  for (const [id, value] of commit.states) restoreState(id, value);
  for (const endpoint of endpoints) {
    const entry = commit.positions.find(
      ([id, sender]) => id === endpoint.descriptor.id && sender === endpoint.isSender,
    );
    if (entry && entry[2] !== endpoint.localPosition()) endpoint.restorePosition(entry[2]);
  }
}

function rollBackStates(
  commit: Commit | undefined,
  states: readonly number[],
  initial: ReadonlyMap<number, { value: unknown } | undefined>,
): void {
  for (const id of states) {
    const committed = commit?.states.find(([stateId]) => stateId === id);
    const snapshot = committed ? { value: committed[1] } : initial.get(id);
    if (snapshot && snapshot.value !== undefined) restoreState(id, structuredClone(snapshot.value));
    else clearState(id);
  }
}

function sleepUnlessShutdown(control: GraphControl, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(true), ms);
    control.shutdownSignal().then(() => {
      clearTimeout(timer);
      resolve(false);
    });
  });
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

/** The error's first line and where it was thrown: enough for the log, the stack goes to debug. */
export function briefError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const frame = error.stack
    ?.split('\n')
    .find((line) => line.trim().startsWith('at '))
    ?.trim()
    .replace(/^at /, '');
  return `${error.name}: ${error.message}${frame ? ` (at ${frame})` : ''}`;
}

export function errorText(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}
