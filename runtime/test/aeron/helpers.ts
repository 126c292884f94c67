/** Shared helpers for the Aeron tests: seeded randomness, checkable messages, publishing loops. */
import { BACK_PRESSURED, NOT_CONNECTED, type Publication } from '../../src/aeron/index.ts';

/** Waiting for a condition, with a deadline (the runtime's shared test helper). */
export { waitUntil } from '../../src/testing/wait-until.ts';
/** Seeded randomness, so a failing run can be replayed from its seed. */
export { seededRandom } from '../fixtures/stress.ts';

/** A seed from the environment (AERON_TEST_SEED) or the clock; tests print it on failure. */
export function testSeed(): number {
  const fromEnv = process.env.AERON_TEST_SEED;
  return fromEnv !== undefined ? Number(fromEnv) : Date.now() % 2 ** 31;
}

/** Message sizes from 8 bytes to 3 × MTU, mostly small, some fragmented. */
export function mixedSizes(count: number, mtu: number, random: () => number): Uint32Array {
  const sizes = new Uint32Array(count);
  const maxPayload = mtu - 32;
  for (let i = 0; i < count; i++) {
    const r = random();
    if (r < 0.7) sizes[i] = 8 + Math.floor(random() * 57);
    else if (r < 0.95) sizes[i] = 65 + Math.floor(random() * (maxPayload - 64));
    else sizes[i] = maxPayload + 1 + Math.floor(random() * (3 * mtu - maxPayload));
  }
  return sizes;
}

const PATTERN = Buffer.alloc(256 + 4 * 65536);
for (let i = 0; i < PATTERN.length; i++) PATTERN[i] = (i * 31 + (i >>> 8)) & 255;

/** Writes message `seq` of `length` (≥ 8) bytes into `into`: seq, length, then a pattern that depends on seq. */
export function writeMessage(into: Buffer, seq: number, length: number): void {
  into.writeUInt32LE(seq, 0);
  into.writeUInt32LE(length, 4);
  const start = seq & 255;
  PATTERN.copy(into, 8, start, start + length - 8);
}

/** Checks a received message against what `writeMessage` wrote; returns its seq or throws. */
export function checkMessage(message: Buffer, expectedSeq: number, expectedLength: number): void {
  const seq = message.readUInt32LE(0);
  if (seq !== expectedSeq) throw new Error(`expected message ${expectedSeq}, got ${seq}`);
  if (message.length !== expectedLength || message.readUInt32LE(4) !== expectedLength)
    throw new Error(`message ${seq}: expected ${expectedLength} bytes, got ${message.length}`);
  const start = seq & 255;
  if (PATTERN.compare(message, 8, message.length, start, start + expectedLength - 8) !== 0)
    throw new Error(`message ${seq}: payload differs`);
}

/** Offers messages `from`..`to` − 1, waiting (never spinning) while back-pressured. */
export async function publishRange(
  publication: Publication,
  sizes: Uint32Array,
  from: number,
  to: number,
  deadline: number,
): Promise<void> {
  const scratch = Buffer.alloc(4 * 65536);
  let seq = from;
  while (seq < to) {
    const length = sizes[seq]!;
    writeMessage(scratch, seq, length);
    const result = publication.offer(scratch, 0, length);
    if (result > 0n) {
      seq++;
      continue;
    }
    if (result !== BACK_PRESSURED && result !== NOT_CONNECTED) throw new Error(`offer failed: ${result}`);
    if (performance.now() > deadline) throw new Error(`publishing timed out at message ${seq}`);
    await publication.waitForVacancy(200);
  }
}
