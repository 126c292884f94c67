/**
 * Hints, one at a time: an exercise's `hints.md` holds one `## ` heading per hint (the heading is
 * the hint's title, the text under it the hint). How many of an exercise's hints the learner has
 * opened is kept in the browser, so a reload does not hide them again nor show more.
 */

import type { GradeSummary } from '@steady/grader/report';
import { browserStore, type KeyValueStore } from './storage.ts';

export interface Hint {
  readonly title: string;
  readonly body: string;
}

/** The hints of a `hints.md`, in order; text before the first `## ` heading is not a hint. */
export function parseHints(markdown: string): Hint[] {
  const hints: Hint[] = [];
  let current: { title: string; lines: string[] } | undefined;
  for (const line of markdown.replace(/\r\n/g, '\n').split('\n')) {
    const heading = /^## +(.+?)\s*#*\s*$/.exec(line);
    if (heading) {
      if (current) hints.push({ title: current.title, body: current.lines.join('\n').trim() });
      current = { title: heading[1]!, lines: [] };
    } else current?.lines.push(line);
  }
  if (current) hints.push({ title: current.title, body: current.lines.join('\n').trim() });
  return hints;
}

/** Where an exercise's hints live in the lesson bundle. */
export const hintsPathOf = (exerciseId: string): string => `exercises/${exerciseId}/hints.md`;

const KEY = (lesson: string) => `steady.hints.v1.${lesson}`;

/** How many hints the learner has opened, per exercise of one lesson. */
export class HintStore {
  constructor(
    private readonly lesson: string,
    private readonly store: KeyValueStore = browserStore(),
  ) {}

  private all(): Record<string, number> {
    try {
      const parsed: unknown = JSON.parse(this.store.getItem(KEY(this.lesson)) ?? '{}');
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
      const out: Record<string, number> = {};
      for (const [id, count] of Object.entries(parsed))
        if (Number.isInteger(count) && (count as number) >= 0) out[id] = count as number;
      return out;
    } catch {
      return {};
    }
  }

  opened(exerciseId: string): number {
    return this.all()[exerciseId] ?? 0;
  }

  /** Opens one more hint (never more than `available`); returns how many are open now. */
  openNext(exerciseId: string, available: number): number {
    const all = this.all();
    const next = Math.min((all[exerciseId] ?? 0) + 1, available);
    all[exerciseId] = next;
    this.store.setItem(KEY(this.lesson), JSON.stringify(all));
    return next;
  }
}

/**
 * A grade with the hints opened in this page counted in (the larger of the grader's count and the
 * page's), so the report an instructor receives says how many hints the learner read, whichever
 * engine graded.
 */
export function withPageHints(summary: GradeSummary, hints: HintStore): GradeSummary {
  return {
    ...summary,
    exercises: summary.exercises.map((e) => ({
      ...e,
      hintsOpened: Math.max(e.hintsOpened, hints.opened(e.id)),
    })),
  };
}
