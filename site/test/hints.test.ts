import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HintStore, hintsPathOf, parseHints, withPageHints } from '../src/client/hints.ts';
import { memoryStore } from './doubles.ts';

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

  it('counts the hints opened in the page into the grade an instructor receives (the larger count wins)', () => {
    const hints = new HintStore('01-minimum', memoryStore());
    hints.openNext('01-a', 3);
    hints.openNext('01-a', 3);
    const exercise = (id: string, hintsOpened: number) => ({
      id,
      title: id,
      passed: false,
      firstFailure: null,
      hintsOpened,
      tests: [],
    });
    const grade = {
      lesson: '01-minimum',
      passed: 0,
      total: 2,
      score: 0,
      exercises: [exercise('01-a', 1), exercise('02-b', 1)],
    };
    expect(withPageHints(grade, hints).exercises.map((e) => e.hintsOpened)).toEqual([2, 1]);
  });
});
