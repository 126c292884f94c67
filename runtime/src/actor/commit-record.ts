/**
 * The last commit of an exactly-once actor, kept in shared memory so that it survives
 * the death of the actor's thread.
 *
 * A commit holds the actor's state values and the positions of its channel ends at the
 * same instant. It is written into the inactive half of a double buffer and published by
 * flipping one word, so a thread killed mid-write leaves the previous commit intact: a
 * recovered actor never sees a half-updated state.
 *
 * The codec is the same on every platform (a commit written on Node reads back in a browser
 * and the other way round): devalue's text form, as UTF-8. It keeps what structured clone
 * keeps in state values (plain objects, arrays, Map, Set, Date, RegExp, BigInt, typed arrays,
 * undefined, NaN, ±Infinity, -0, shared and cyclic references) and refuses class instances
 * and functions with a clear error rather than dropping their prototype silently.
 */
import { parse, stringify } from 'devalue';

const ACTIVE = 0; // which half holds the last commit
const COMMITS = 1; // commits so far (0: none yet)
const LENGTH = 2; // LENGTH + half: bytes used in that half
const HEADER_BYTES = 16;

export const DEFAULT_COMMIT_RECORD_BYTES = 64 * 1024;

export interface Commit {
  /** State values by state id. */
  readonly states: readonly (readonly [number, unknown])[];
  /** Positions of the actor's channel ends: [channel id, is the sending end, position]. */
  readonly positions: readonly (readonly [number, boolean, number])[];
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A commit as bytes: the one codec of the runtime's state snapshots. */
export function encodeCommit(commit: Commit): Uint8Array {
  return encoder.encode(stringify(commit));
}

export function decodeCommit(bytes: Uint8Array): Commit {
  return parse(decoder.decode(bytes)) as Commit;
}

export class CommitRecord {
  private readonly header: Int32Array;
  private readonly bytes: Uint8Array;
  private readonly halfBytes: number;

  static allocate(bytes = DEFAULT_COMMIT_RECORD_BYTES): SharedArrayBuffer {
    return new SharedArrayBuffer(HEADER_BYTES + 2 * Math.max(1024, bytes));
  }

  constructor(readonly buffer: SharedArrayBuffer) {
    this.header = new Int32Array(buffer, 0, 4);
    this.bytes = new Uint8Array(buffer, HEADER_BYTES);
    this.halfBytes = this.bytes.length / 2;
  }

  /** Writes a commit; throws (without touching the last commit) if it does not fit. */
  write(commit: Commit): void {
    const encoded = encodeCommit(commit);
    if (encoded.length > this.halfBytes) {
      throw new RangeError(
        `exactly-once commit of ${encoded.length} bytes does not fit its record (${this.halfBytes} bytes): ` +
          'keep actor state small, or raise withExactlyOnce({ recordBytes })',
      );
    }
    const half = Atomics.load(this.header, COMMITS) === 0 ? 0 : 1 - Atomics.load(this.header, ACTIVE);
    this.bytes.set(encoded, half * this.halfBytes);
    Atomics.store(this.header, LENGTH + half, encoded.length);
    Atomics.store(this.header, ACTIVE, half); // the commit point
    Atomics.add(this.header, COMMITS, 1);
  }

  /** The last commit, or undefined before the first. */
  read(): Commit | undefined {
    if (Atomics.load(this.header, COMMITS) === 0) return undefined;
    const half = Atomics.load(this.header, ACTIVE);
    const length = Atomics.load(this.header, LENGTH + half);
    const start = half * this.halfBytes;
    return decodeCommit(this.bytes.slice(start, start + length));
  }

  commits(): number {
    return Atomics.load(this.header, COMMITS);
  }
}
