/**
 * DESERIALIZE: reads both incoming streams, checks each is in sequence (every value one more
 * than the last: a gap or a duplicate stops the pod loudly), and splits them back into the
 * heartbeat and generator channels. Asks the graph to stop once both streams have ended.
 */
import { defineActor, type SteadyActor, type SteadyState, type StreamRx, type Tx } from '@steady/runtime';
import type { MainArgs } from '../../args.ts';
import {
  BYTES_PER_VALUE,
  checkSequence,
  NOT_STARTED,
  SequenceError,
  STREAM_NAMES,
  valueAt,
} from '../../wire.ts';

export const NAME_DESERIALIZE = 'deserialize';

export interface DeserializeState {
  /** The next value expected on each stream (NOT_STARTED before its first message). */
  expected: number[];
  /** Values received on each stream. */
  values: number[];
  /** Messages received on each stream. */
  messages: number[];
  /** Payload bytes received on each stream. */
  bytes: number[];
  /** When the aqueduct received the first and the last message (ms since the epoch): the transfer's span. */
  firstArrivalMs?: number;
  lastArrivalMs?: number;
  /** Set when a stream broke its sequence; the pod then exits non-zero. */
  failure?: string;
}

export async function run(
  actor: SteadyActor<MainArgs>,
  streams: readonly StreamRx[],
  outputs: readonly Tx<number>[],
  state: SteadyState<DeserializeState>,
): Promise<void> {
  return internalBehavior(actor, streams, outputs, state);
}

/** The length of the next message on `stream`, or undefined. */
function nextLength(stream: StreamRx): number | undefined {
  const item = stream.control.tryPeek();
  if (item === undefined) return undefined;
  return typeof item === 'number' ? item : item.length;
}

/**
 * What a lane waits for: room in its output when its next message does not fit (waiting for
 * the stream instead would return at once, and the loop would spin without ever letting the
 * worker on the same thread run), else the next message.
 */
function nextWait(actor: SteadyActor<MainArgs>, stream: StreamRx, output: Tx<number>): Promise<boolean> {
  const length = nextLength(stream);
  if (length === undefined) return actor.waitAvail(stream.control, 1);
  return actor.waitVacant(output, Math.min(output.capacity, length / BYTES_PER_VALUE)); //#!#// back-pressure
}

/** Writes a message's values into `output` in place (the room was checked). */
function writeValues(view: DataView, count: number, output: Tx<number>): void {
  const [first, second] = output.pokeSlice();
  for (let i = 0; i < count; i++) {
    if (i < first.length) first[i] = valueAt(view, i);
    else second[i - first.length] = valueAt(view, i);
  }
  output.advanceSendIndex(count);
}

/**
 * Moves whole messages from `stream` to `output` while they fit, checking the sequence.
 * Returns the messages moved; throws SequenceError on a gap or a duplicate.
 */
export function deserializeStep(
  name: string,
  stream: StreamRx,
  output: Tx<number>,
  state: DeserializeState,
  lane: number,
): number {
  let moved = 0;
  for (let length = nextLength(stream); length !== undefined; length = nextLength(stream)) {
    const count = length / BYTES_PER_VALUE;
    if (output.vacantUnits() < count) break; // back-pressure: wait for the worker
    const { bytes, arrivalMs } = stream.tryTakeFrame()!;
    if (arrivalMs > 0) {
      state.firstArrivalMs ??= arrivalMs;
      state.lastArrivalMs = arrivalMs;
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    state.expected[lane] = checkSequence(name, view, state.expected[lane] ?? NOT_STARTED); //#!#// in sequence, or stop
    writeValues(view, count, output);
    state.values[lane] = (state.values[lane] ?? 0) + count;
    state.messages[lane] = (state.messages[lane] ?? 0) + 1;
    state.bytes[lane] = (state.bytes[lane] ?? 0) + length;
    moved += 1;
  }
  return moved;
}

export async function internalBehavior(
  actor: SteadyActor<MainArgs>,
  streams: readonly StreamRx[],
  outputs: readonly Tx<number>[],
  state: SteadyState<DeserializeState>,
): Promise<void> {
  const ledger = state.lock(() => ({
    expected: streams.map(() => NOT_STARTED),
    values: streams.map(() => 0),
    messages: streams.map(() => 0),
    bytes: streams.map(() => 0),
  }));
  const closeOutputs = () => outputs.every((tx) => tx.markClosed());
  let stopping = false;
  while (actor.isRunning(() => (stopping || streams.every((s) => s.isClosedAndEmpty())) && closeOutputs())) {
    if (stopping) {
      await actor.waitShutdown();
      continue;
    }
    await actor.awaitForAny(
      ...streams.map((s, lane) => nextWait(actor, s, outputs[lane]!)),
      actor.waitTimeout(20),
    );
    try {
      streams.forEach((stream, lane) => {
        deserializeStep(
          STREAM_NAMES[lane] ?? `lane ${lane}`,
          stream,
          outputs[lane] as Tx<number>,
          ledger,
          lane,
        );
      });
    } catch (error) {
      if (!(error instanceof SequenceError)) throw error;
      ledger.failure = error.message; //#!#// fail loudly: record it, stop the pod, exit non-zero
      stopping = true;
      closeOutputs();
      actor.requestShutdown();
      continue;
    }
    if (streams.every((s) => s.isClosedAndEmpty())) {
      stopping = true;
      closeOutputs(); //#!#// both streams ended (EOS): this pod is done
      actor.requestShutdown();
    }
  }
}

export const DeserializeActor = defineActor(import.meta.url, run);
