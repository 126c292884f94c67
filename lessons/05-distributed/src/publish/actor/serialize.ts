/**
 * SERIALIZE: packs each input into its stream — 8 big-endian bytes a value, at most
 * MAX_GROUP values a message — a batch at a time. Input i goes to stream i
 * (0 = heartbeat, 1 = generator). When an input closes, its stream closes (EOS on the wire).
 */
import { defineActor, type Rx, type SteadyActor, type StreamTx } from '@steady/runtime';
import type { MainArgs } from '../../args.ts';
import { MAX_GROUP, MAX_MESSAGE_BYTES, packGroup } from '../../wire.ts';

export const NAME_SERIALIZE = 'serialize';

export async function run(
  actor: SteadyActor<MainArgs>,
  inputs: readonly Rx<number>[],
  streams: readonly StreamTx[],
): Promise<void> {
  return internalBehavior(actor, inputs, streams);
}

/**
 * Moves what is available on `input` into `stream`, one message per group of at most
 * `maxGroup` values, while both sides have room. `staging` is reused for every group.
 * Returns the values moved.
 */
export function serializeStep(
  input: Rx<number>,
  stream: StreamTx,
  staging: Float64Array,
  out: DataView,
  maxGroup = MAX_GROUP,
): number {
  let moved = 0;
  while (stream.vacantItems() > 0) {
    const count = Math.min(input.availUnits(), maxGroup, Math.floor(stream.vacantBytes() / 8)); //#!#// a group: what is here, what fits, at most 8188
    if (count === 0) break;
    const group = staging.subarray(0, count);
    input.takeSlice(group); // the values, out of the input ring
    const bytes = packGroup(group, count, out);
    stream.trySend(new Uint8Array(out.buffer, out.byteOffset, bytes)); // room was checked above
    moved += count;
  }
  return moved;
}

export async function internalBehavior(
  actor: SteadyActor<MainArgs>,
  inputs: readonly Rx<number>[],
  streams: readonly StreamTx[],
): Promise<void> {
  const staging = new Float64Array(MAX_GROUP); // allocated once, reused for every group
  const out = new DataView(new ArrayBuffer(MAX_MESSAGE_BYTES));
  const ended = inputs.map(() => false);
  while (
    actor.isRunning(() =>
      inputs.every((input, i) => {
        if (!input.isClosedAndEmpty()) return false;
        streams[i]?.markClosed();
        return true;
      }),
    )
  ) {
    await actor.awaitForAny(...inputs.map((input) => actor.waitAvail(input, 1)), actor.waitTimeout(20));
    for (let i = 0; i < inputs.length; i++) {
      const input = inputs[i] as Rx<number>;
      const stream = streams[i] as StreamTx;
      const moved = serializeStep(input, stream, staging, out);
      if (moved === 0 && input.availUnits() > 0) {
        // back-pressure: the aqueduct (and behind it the network) has not taken the last messages yet
        await actor.awaitForAny(actor.waitVacant(stream.payload, MAX_MESSAGE_BYTES), actor.waitTimeout(20)); //#!#//
      }
      if (!ended[i] && input.isClosedAndEmpty()) {
        ended[i] = true;
        stream.markClosed(); //#!#// this stream ends: its EOS reaches the subscriber
      }
    }
  }
}

export const SerializeActor = defineActor(import.meta.url, run);
