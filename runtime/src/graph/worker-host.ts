/**
 * Entry of every actor thread: imports the actors' modules, rebuilds their arguments
 * from shared memory and runs them, reporting to the main thread by message. The same
 * code on every platform: the thread, its plan and its port come from `#platform`.
 */
import { platform } from '#platform';
import type { ActorBehavior } from '../actor/definition.ts';
import { stateSnapshot } from '../actor/state.ts';
import { setLogLevel } from '../log/logger.ts';
import { threadStage } from '../simulation/stage.ts';
import { GraphControl } from './control.ts';
import { errorText, type HostedActor, superviseActor } from './supervisor.ts';
import type { DirectorMessage, HostMessage, ThreadPlan } from './thread-plan.ts';
import { stateIds } from './wire.ts';

const plan = (await platform.threadPlan()) as ThreadPlan;
const control = new GraphControl(plan.control);
setLogLevel(plan.logLevel);

function post(message: HostMessage): void {
  platform.parentPort?.post(message);
}

// Actors sleeping in Atomics.waitAsync hold no event-loop handle; this one keeps the
// thread alive until every actor it hosts has stopped.
const keepAlive = setInterval(() => {}, 1 << 30);

// Stage directions for simulated actors hosted here.
const onDirection = (received: unknown) => {
  const message = received as DirectorMessage;
  if (message.type !== 'direction') return;
  threadStage.perform(message.actor, message.direction).then(
    () => post({ type: 'direction-done', id: message.id, error: undefined }),
    (error: unknown) =>
      post({
        type: 'direction-done',
        id: message.id,
        error: error instanceof Error ? error.message : String(error),
      }),
  );
};
const stopListening = platform.parentPort?.onMessage(onDirection);

async function load(entry: ThreadPlan['actors'][number]): Promise<HostedActor | undefined> {
  try {
    const module = await platform.importModule(entry.moduleUrl);
    const behavior = module[entry.exportName];
    if (typeof behavior !== 'function') {
      throw new Error(
        `${entry.moduleUrl} has no exported function "${entry.exportName}" (export the actor function)`,
      );
    }
    return {
      index: entry.index,
      name: entry.name,
      behavior: behavior as ActorBehavior<unknown[]>,
      wiredArgs: entry.args,
      commitRecord: entry.commitRecord,
      restartPolicy: entry.restartPolicy,
    };
  } catch (error) {
    post({
      type: 'stopped',
      actor: entry.index,
      error: `cannot load actor: ${errorText(error)}`,
      fatal: false,
      snapshots: [],
    });
    return undefined;
  }
}

const actors = await Promise.all(plan.actors.map(load));
await Promise.all(
  actors.map(async (actor, i) => {
    if (!actor) return;
    control.setThreadId(actor.index, platform.threadId);
    const ids = (plan.actors[i]?.args ?? []).flatMap((arg) => stateIds(arg));
    await superviseActor(actor, {
      control,
      graphArgs: plan.graphArgs,
      spinTurns: plan.spinTurns,
      adoptState: true,
      useInternalBehavior: plan.useInternalBehavior,
      describeOwner: (owner) => plan.actorNames[owner - 1] ?? `actor #${owner}`,
      onVeto: (index, condition) => post({ type: 'veto', actor: index, condition }),
      onStopped: (index, error, fatal = false) => {
        const snapshots = ids.flatMap((id) => {
          const snapshot = stateSnapshot(id);
          return snapshot ? [{ id, value: snapshot.value }] : [];
        });
        post({ type: 'stopped', actor: index, error, fatal, snapshots });
      },
    });
  }),
);
clearInterval(keepAlive);
stopListening?.();
platform.endActorThread();
