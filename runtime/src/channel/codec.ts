/**
 * Codecs describe how a message is packed into the fixed-size slots of a ring.
 *
 * A codec is plain data (a `spec`) plus functions derived from it, so that the
 * same codec can be rebuilt on the far side of a thread boundary, where functions
 * cannot travel: only the spec crosses, and `codecFromSpec` rebuilds the rest.
 */

export type NumericKind = 'f64' | 'f32' | 'i32' | 'u32' | 'i16' | 'u16' | 'i8' | 'u8';

export type SlotArray =
  | Float64Array
  | Float32Array
  | Int32Array
  | Uint32Array
  | Int16Array
  | Uint16Array
  | Int8Array
  | Uint8Array;

export type SlotArrayConstructor = {
  new (buffer: ArrayBufferLike, byteOffset?: number, length?: number): SlotArray;
  readonly BYTES_PER_ELEMENT: number;
};

/** Variants of a tagged codec: a unit variant (`null`) or one carrying a number. */
export type TaggedVariants = Record<string, null | 'number'>;

export type CodecSpec =
  | { readonly kind: 'numeric'; readonly slot: NumericKind }
  | { readonly kind: 'tagged'; readonly variants: TaggedVariants }
  | { readonly kind: 'record'; readonly fields: readonly string[] };

/** A record of named numbers, e.g. `{ length, sessionId, arrivalMs }`. */
export type NumberRecord<F extends string> = { [K in F]: number };

/** The message type a tagged codec carries, e.g. `{ kind: 'Fizz' } | { kind: 'Value'; value: number }`. */
export type TaggedMessage<V extends TaggedVariants> = {
  [K in keyof V & string]: V[K] extends 'number' ? { kind: K; value: number } : { kind: K };
}[keyof V & string];

export interface Codec<T> {
  readonly spec: CodecSpec;
  /** Typed-array constructor of one slot word. */
  readonly slotArray: SlotArrayConstructor;
  /** Slot words one message occupies. */
  readonly width: number;
  /** Writes `value` at word `offset`; throws a clear error for a value it cannot represent. */
  encode(value: T, slots: SlotArray, offset: number): void;
  decode(slots: SlotArray, offset: number): T;
  /** A short description for error messages and telemetry. */
  readonly name: string;
}

const SLOT_ARRAYS: Record<NumericKind, SlotArrayConstructor> = {
  f64: Float64Array,
  f32: Float32Array,
  i32: Int32Array,
  u32: Uint32Array,
  i16: Int16Array,
  u16: Uint16Array,
  i8: Int8Array,
  u8: Uint8Array,
};

const INTEGER_RANGES: Partial<Record<NumericKind, [number, number]>> = {
  i32: [-0x8000_0000, 0x7fff_ffff],
  u32: [0, 0xffff_ffff],
  i16: [-0x8000, 0x7fff],
  u16: [0, 0xffff],
  i8: [-0x80, 0x7f],
  u8: [0, 0xff],
};

function numericCodec(slot: NumericKind): Codec<number> {
  const range = INTEGER_RANGES[slot];
  const name = slot;
  return {
    spec: { kind: 'numeric', slot },
    slotArray: SLOT_ARRAYS[slot],
    width: 1,
    name,
    encode: range
      ? (value, slots, offset) => {
          // An integer ring would silently wrap or truncate a bad value; refuse it instead.
          if (!Number.isInteger(value) || value < range[0] || value > range[1]) {
            throw new RangeError(
              `codec ${name} cannot encode ${String(value)} (integers ${range[0]}..${range[1]})`,
            );
          }
          slots[offset] = value;
        }
      : (value, slots, offset) => {
          if (typeof value !== 'number') throw new TypeError(`codec ${name} cannot encode ${String(value)}`);
          slots[offset] = value;
        },
    decode: (slots, offset) => slots[offset] as number,
  };
}

function taggedCodec<V extends TaggedVariants>(variants: V): Codec<TaggedMessage<V>> {
  const names = Object.keys(variants);
  if (names.length === 0) throw new TypeError('a tagged codec needs at least one variant');
  const tagOf = new Map(names.map((n, i) => [n, i]));
  // Unit variants are decoded to one shared frozen object each, so taking them allocates nothing.
  const units = names.map((n) => (variants[n] === null ? Object.freeze({ kind: n }) : undefined));
  const name = `tagged(${names.join('|')})`;
  return {
    spec: { kind: 'tagged', variants },
    slotArray: Float64Array,
    width: 2,
    name,
    encode(message, slots, offset) {
      const tag = tagOf.get((message as { kind?: string })?.kind ?? '');
      if (tag === undefined) throw new TypeError(`codec ${name} cannot encode ${JSON.stringify(message)}`);
      slots[offset] = tag;
      if (variants[names[tag] as string] === 'number') {
        const value = (message as { value?: unknown }).value;
        if (typeof value !== 'number')
          throw new TypeError(`codec ${name}: ${names[tag]} needs a numeric value`);
        slots[offset + 1] = value;
      } else {
        slots[offset + 1] = 0;
      }
    },
    decode(slots, offset) {
      const tag = slots[offset] as number;
      const unit = units[tag];
      if (unit) return unit as TaggedMessage<V>;
      return { kind: names[tag], value: slots[offset + 1] } as TaggedMessage<V>;
    },
  };
}

function recordCodec<F extends string>(fields: readonly F[]): Codec<NumberRecord<F>> {
  if (fields.length === 0) throw new TypeError('a record codec needs at least one field');
  const name = `record(${fields.join(',')})`;
  return {
    spec: { kind: 'record', fields },
    slotArray: Float64Array,
    width: fields.length,
    name,
    encode(value, slots, offset) {
      for (let i = 0; i < fields.length; i++) {
        const v = (value as Record<string, unknown>)?.[fields[i] as string];
        if (typeof v !== 'number')
          throw new TypeError(`codec ${name}: field ${fields[i]} must be a number, got ${String(v)}`);
        slots[offset + i] = v;
      }
    },
    decode(slots, offset) {
      const out = {} as Record<string, number>;
      for (let i = 0; i < fields.length; i++) out[fields[i] as string] = slots[offset + i] as number;
      return out as NumberRecord<F>;
    },
  };
}

/** The built-in codecs. `numbers` (64-bit floats) is the default for a channel. */
export const codecs = {
  numbers: numericCodec('f64'),
  f64: numericCodec('f64'),
  f32: numericCodec('f32'),
  i32: numericCodec('i32'),
  u32: numericCodec('u32'),
  i16: numericCodec('i16'),
  u16: numericCodec('u16'),
  i8: numericCodec('i8'),
  u8: numericCodec('u8'),
  /** A tagged enum packed in two 64-bit slots: the variant index and an optional number. */
  tagged: taggedCodec,
  /** A record of named numbers packed in consecutive 64-bit slots. */
  record: recordCodec,
} as const;

export function codecFromSpec(spec: CodecSpec): Codec<unknown> {
  if (spec.kind === 'numeric') return codecs[spec.slot] as Codec<unknown>;
  if (spec.kind === 'record') return recordCodec(spec.fields) as Codec<unknown>;
  return taggedCodec(spec.variants) as Codec<unknown>;
}

/**
 * Which inlined path the endpoints use for a codec (see `Tx.trySend`, `Rx.tryTake`): Int32 and
 * Float64 slots are written and read straight into their typed arrays, with no call per message;
 * every other codec (and every value the inline checks refuse) goes through the codec.
 */
export const PATH_CODEC = 0;
export const PATH_F64 = 1;
export const PATH_I32 = 2;

/** The inlined path for a codec spec: one of the PATH_ constants. */
export function slotPathOf(spec: CodecSpec): number {
  if (spec.kind !== 'numeric') return PATH_CODEC;
  return spec.slot === 'i32' ? PATH_I32 : spec.slot === 'f64' ? PATH_F64 : PATH_CODEC;
}
