/**
 * Runs one actor on the current thread and restarts it when it throws: the same
 * channels (their memory is shared and outlives any life) and the same state.
 */

import { SteadyActor } from '../actor/context.ts';
import type { ActorBehavior } from '../actor/definition.ts';
import type { Endpoint } from '../channel/endpoint.ts';
import { createLogger } from '../log/logger.ts';
import { ActorStatus, type GraphControl } from './control.ts';
import { unwireArgs } from './wire.ts';

export interface HostedActor {
  readonly index: number;
  readonly name: string;
  readonly behavior: ActorBehavior<unknown[]>;
  /** Wired arguments (module-defined actors); closures built by tests carry their own. */
  readonly wiredArgs: readonly unknown[];
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
  onStopped(actor: number, error: string | undefined): void;
}

/** Owner ids in channel claims are actor index + 1, so 0 can mean "free". */
export const ownerIdOf = (actorIndex: number) => actorIndex + 1;

export async function superviseActor(actor: HostedActor, host: HostContext): Promise<void> {
  const { control } = host;
  const log = createLogger(actor.name);
  const ownerId = ownerIdOf(actor.index);
  for (;;) {
    const endpoints: Endpoint[] = [];
    let args: unknown[];
    try {
      args = actor.wiredArgs.map((a) => unwireArgs(a, endpoints, host.adoptState));
      for (const endpoint of endpoints) endpoint.claim(ownerId, actor.name, host.describeOwner);
    } catch (error) {
      // Miswiring is not a transient failure: restarting would fail the same way.
      const text = errorText(error);
      log.error(`cannot start: ${text}`);
      control.setStatus(actor.index, ActorStatus.Stopped);
      host.onStopped(actor.index, text);
      return;
    }
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
    });
    try {
      await actor.behavior(context, ...args);
      for (const endpoint of endpoints) endpoint.release(ownerId);
      control.setStatus(actor.index, ActorStatus.Stopped);
      host.onStopped(actor.index, undefined);
      return;
    } catch (error) {
      // Whatever this life sent or took is committed; what it only peeked stays for the next life.
      for (const endpoint of endpoints) endpoint.release(ownerId);
      const text = errorText(error);
      if (control.isShutdownRequested()) {
        log.error(`failed during shutdown (not restarted): ${text}`);
        control.setStatus(actor.index, ActorStatus.Stopped);
        host.onStopped(actor.index, text);
        return;
      }
      const restarts = control.countRestart(actor.index);
      log.error(`failed: ${text}`);
      log.warn(`restarting with the same channels and state (restart #${restarts})`);
    }
  }
}

export function errorText(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}
