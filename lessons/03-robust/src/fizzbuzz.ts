/** The message the worker sends to the logger, and how it packs into a channel's slots. */
import { codecs, type TaggedMessage } from '@steady/runtime';

const VARIANTS = { FizzBuzz: null, Fizz: null, Buzz: null, Value: 'number' } as const;

/** `{ kind: 'FizzBuzz' } | { kind: 'Fizz' } | { kind: 'Buzz' } | { kind: 'Value'; value: number }` */
export type FizzBuzzMessage = TaggedMessage<typeof VARIANTS>;

/** A tagged enum packed into fixed slots: what crosses threads is numbers, never objects. */ //#!#//
export const FizzBuzzCodec = codecs.tagged(VARIANTS);

export function fizzBuzz(value: number): FizzBuzzMessage {
  if (value % 15 === 0) return { kind: 'FizzBuzz' };
  if (value % 3 === 0) return { kind: 'Fizz' };
  if (value % 5 === 0) return { kind: 'Buzz' };
  return { kind: 'Value', value };
}

/** How the logger prints a message: `Fizz`, `Value(7)`. */
export function describe(message: FizzBuzzMessage): string {
  return message.kind === 'Value' ? `Value(${message.value})` : message.kind;
}
