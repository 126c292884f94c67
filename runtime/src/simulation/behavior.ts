/**
 * The simulated part an edge actor plays in a test graph: it takes stage directions from the
 * test's stage manager (echo a value into an output; wait for a given message on an input)
 * until shutdown. `SteadyActor.simulatedBehavior(ends)` calls it.
 */
import { Rx } from '../channel/rx.ts';
import { StreamRx, StreamTx } from '../channel/stream.ts';
import { type SendOutcome, Tx } from '../channel/tx.ts';
import { StageError } from '../errors.ts';
import { describeMismatch, type StageDirection, threadStage } from './stage.ts';

/** A channel end a simulated actor can be given: outputs and inputs, plain or stream. */
export type SimulatedEnd = Tx<unknown> | Rx<unknown> | StreamTx | StreamRx;

/** The part of an actor's context a simulated part uses (the actor context provides it). */
export interface SimulatedActor {
  readonly name: string;
  isRunning(veto: () => boolean): boolean;
  waitShutdown(): Promise<boolean>;
  waitAvail<T>(rx: Rx<T>, count: number): Promise<boolean>;
  waitVacant<T>(tx: Tx<T>, count: number): Promise<boolean>;
  waitTimeout(ms: number): Promise<boolean>;
  sendAsync<T>(tx: Tx<T>, value: T): Promise<SendOutcome>;
  awaitForAll(...waits: Promise<boolean>[]): Promise<boolean>;
  awaitForAny(...waits: Promise<boolean>[]): Promise<boolean>;
}

/**
 * Plays the part until shutdown. `index` identifies the actor to the stage manager; `ends` are
 * numbered (lanes) in the order given, outputs and inputs separately.
 */
export async function playSimulatedPart(
  actor: SimulatedActor,
  index: number,
  ends: readonly SimulatedEnd[],
): Promise<void> {
  const outputs = ends.filter((e): e is Tx<unknown> | StreamTx => e instanceof Tx || e instanceof StreamTx);
  const inputs = ends.filter((e): e is Rx<unknown> | StreamRx => e instanceof Rx || e instanceof StreamRx);
  threadStage.register(index, (direction) => perform(actor, direction, outputs, inputs));
  try {
    while (actor.isRunning(() => outputs.every((tx) => tx.markClosed()))) await actor.waitShutdown();
  } finally {
    threadStage.unregister(index);
  }
}

async function perform(
  actor: SimulatedActor,
  direction: StageDirection,
  outputs: readonly (Tx<unknown> | StreamTx)[],
  inputs: readonly (Rx<unknown> | StreamRx)[],
): Promise<void> {
  if (direction.kind === 'echo') {
    const tx = outputs[direction.lane];
    if (!tx)
      throw new StageError(`${actor.name} has no output lane ${direction.lane} (it has ${outputs.length})`);
    const outcome =
      tx instanceof StreamTx
        ? await echoFrame(actor, tx, direction.value)
        : await actor.sendAsync(tx, direction.value);
    if (outcome !== 'sent')
      throw new StageError(`${actor.name} could not echo ${JSON.stringify(direction.value)}: ${outcome}`);
    (tx instanceof StreamTx ? tx.control : tx).publish();
    return;
  }
  const rx = inputs[direction.lane];
  if (!rx)
    throw new StageError(`${actor.name} has no input lane ${direction.lane} (it has ${inputs.length})`);
  const items = rx instanceof StreamRx ? rx.control : rx;
  const expected = JSON.stringify(direction.message);
  const arrived = await actor.awaitForAny(
    actor.waitAvail(items, 1),
    actor.waitTimeout(direction.timeoutMs).then(() => false),
  );
  if (!arrived && items.availUnits() === 0) {
    throw new StageError(
      `${actor.name}: no message on input ${direction.lane} within ${direction.timeoutMs} ms (expected ${expected})`,
    );
  }
  const mismatch =
    rx instanceof StreamRx
      ? describeMismatch(Array.from(direction.message as ArrayLike<number>), Array.from(rx.tryTake() ?? []))
      : describeMismatch(direction.message, rx.tryTake());
  items.publish();
  if (mismatch) throw new StageError(`${actor.name}: on input ${direction.lane}, ${mismatch}`);
}

/** Echoes a frame (bytes) into a stream, waiting for room. */
async function echoFrame(actor: SimulatedActor, tx: StreamTx, value: unknown): Promise<SendOutcome> {
  const bytes = Uint8Array.from(value as ArrayLike<number>);
  for (;;) {
    const outcome = tx.trySend(bytes);
    if (outcome !== 'blocked') return outcome;
    const room = await actor.awaitForAll(
      actor.waitVacant(tx.control, 1),
      actor.waitVacant(tx.payload, Math.min(bytes.length, tx.payload.capacity)),
    );
    if (!room) return 'blocked';
  }
}
