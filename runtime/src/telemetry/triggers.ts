/** Trigger evaluation: the worst colour among the triggers that fire over a window. */
import type { Colour, Trigger } from './options.ts';
import { percentile } from './percentile.ts';

const RANK: Record<Colour, number> = { yellow: 1, orange: 2, red: 3 };

export function fires(trigger: Trigger, values: readonly number[]): boolean {
  if (values.length === 0) return false;
  const avg = values.reduce((a, b) => a + b, 0) / values.length;
  switch (trigger.kind) {
    case 'avg-above':
      return avg > trigger.value;
    case 'avg-below':
      return avg < trigger.value;
    case 'percentile-above':
      return percentile(values, trigger.percentile ?? 50) > trigger.value;
    case 'percentile-below':
      return percentile(values, trigger.percentile ?? 50) < trigger.value;
  }
}

/** The most severe colour of the firing triggers, or undefined when none fires. */
export function worstColour(
  triggers: readonly { readonly trigger: Trigger; readonly colour: Colour }[],
  values: readonly number[],
): Colour | undefined {
  let worst: Colour | undefined;
  for (const { trigger, colour } of triggers) {
    if (fires(trigger, values) && (worst === undefined || RANK[colour] > RANK[worst])) worst = colour;
  }
  return worst;
}

export function moreSevere(a: Colour | undefined, b: Colour | undefined): Colour | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return RANK[a] >= RANK[b] ? a : b;
}
