/** A row of the channel table, and the table itself. */
import { count, fixed, formatTable, median } from '../../src/bench/index.ts';

export interface Row {
  readonly variant: string;
  /** Messages per trial. */
  readonly messages: number;
  /** Median trial, seconds. */
  readonly seconds: number;
  readonly mps: number;
  readonly bestMps: number;
  readonly verified: boolean;
  readonly note?: string;
}

export function rowFromTrials(
  variant: string,
  messages: number,
  seconds: readonly number[],
  verified: boolean,
  note?: string,
): Row {
  if (seconds.length === 0)
    return {
      variant,
      messages,
      seconds: Number.NaN,
      mps: 0,
      bestMps: 0,
      verified: false,
      ...(note ? { note } : {}),
    };
  const med = median(seconds);
  return {
    variant,
    messages,
    seconds: med,
    mps: messages / med,
    bestMps: messages / Math.min(...seconds),
    verified,
    ...(note ? { note } : {}),
  };
}

/** Millions a second, with more decimals below one million (the slow baselines, any smoke run). */
const millions = (perSecond: number) => fixed(perSecond / 1e6, perSecond < 1e6 ? 4 : 2);

export const REFERENCE_VARIANT = 'batched zero-copy, 16K chunks';

export function channelTable(rows: readonly Row[]): string {
  const reference = rows.find((r) => r.variant === REFERENCE_VARIANT);
  return formatTable(
    [
      { header: 'variant', align: 'left' },
      'messages',
      'seconds',
      'M msg/s',
      'best M/s',
      'vs zero-copy 16K',
      { header: 'verified', align: 'left' },
    ],
    rows.map((r) => [
      r.variant,
      count(r.messages),
      fixed(r.seconds, 3),
      millions(r.mps),
      millions(r.bestMps),
      reference && reference.mps > 0
        ? `${fixed(r.mps / reference.mps, r.mps < reference.mps / 100 ? 4 : 2)}x`
        : '-',
      (r.verified ? 'yes' : 'NO') + (r.note ? ` (${r.note})` : ''),
    ]),
  );
}
