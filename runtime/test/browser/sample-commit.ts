/** A commit holding every kind of value a state may hold; built the same way on both platforms. */
export function sampleCommit() {
  const shared = { label: 'shared twice' };
  return {
    states: [
      [
        1,
        {
          count: 42,
          notANumber: Number.NaN,
          lowest: Number.POSITIVE_INFINITY,
          highest: Number.NEGATIVE_INFINITY,
          negativeZero: -0,
          missing: undefined,
          big: 2n ** 70n,
          when: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6)),
          pattern: /beat-\d+/giu,
          seen: new Set(['a', 'b']),
          byName: new Map<string, number[]>([['x', [1, 2, 3]]]),
          samples: new Float64Array([0.5, -1.25]),
          bytes: new Uint8Array([0, 255]),
          text: 'unicode ✓ “quotes” \u0000 nul',
          nested: [shared, shared, [[]], {}],
        },
      ],
      [2, 'a plain string state'],
    ],
    positions: [
      [1, true, 4_294_967_295],
      [3, false, 0],
    ],
  } as const;
}
