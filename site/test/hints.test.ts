import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HintStore, hintsPathOf, parseHints } from '../src/client/hints.ts';
import type { KeyValueStore } from '../src/client/storage.ts';

function memoryStore(): KeyValueStore {
  const map = new Map<string, string>();
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

describe('hints, one at a time', () => {
  it('reads one hint per `## ` heading of a hints.md, in order, ignoring text before the first', () => {
    const text = readFileSync(join(import.meta.dirname, 'fixtures', 'hints.md'), 'utf8');
    expect(parseHints(text)).toEqual([
      {
        title: 'Where to look',
        body: 'The loop in `heartbeat.ts` counts beats.\n\nCompare it with `--beats`.',
      },
      {
        title: 'What ends the actor',
        body: 'Returning from the behaviour is not enough: ask the graph to stop.',
      },
      { title: 'Nearly the answer', body: '```ts\nif (beats >= limit) graph.requestShutdown();\n```' },
    ]);
    expect(parseHints('no headings at all')).toEqual([]);
    expect(hintsPathOf('01-stop-after-beats')).toBe('exercises/01-stop-after-beats/hints.md');
  });

  it('keeps the count opened per exercise, never beyond the hints there are, and ignores a damaged entry', () => {
    const store = memoryStore();
    const hints = new HintStore('01-minimum', store);
    expect(hints.opened('01-stop-after-beats')).toBe(0);
    expect(hints.openNext('01-stop-after-beats', 2)).toBe(1);
    expect(hints.openNext('01-stop-after-beats', 2)).toBe(2);
    expect(hints.openNext('01-stop-after-beats', 2)).toBe(2);
    expect(new HintStore('01-minimum', store).opened('01-stop-after-beats')).toBe(2);
    expect(new HintStore('02-standard', store).opened('01-stop-after-beats')).toBe(0);
    store.setItem('steady.hints.v1.01-minimum', '{"01-stop-after-beats":"lots","x":-1}');
    expect(hints.opened('01-stop-after-beats')).toBe(0);
    store.setItem('steady.hints.v1.01-minimum', 'not json');
    expect(hints.opened('x')).toBe(0);
  });
});
