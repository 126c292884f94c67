/**
 * The tables every bench prints: Markdown, so a run can be pasted into the docs as it is, and
 * read back by the smoke tests (`parseTables`), which check that each bench printed its figures.
 * Formatting and parsing are one contract, kept in this one file.
 */

export interface Column {
  readonly header: string;
  /** Numbers read best right-aligned (the default); names left-aligned. */
  readonly align?: 'left' | 'right';
}

/** A Markdown table with padded columns (a `|` inside a cell is printed as `¦`). */
export function formatTable(
  columns: readonly (Column | string)[],
  rows: readonly (readonly string[])[],
): string {
  const cols = columns.map((c) => (typeof c === 'string' ? { header: c, align: 'right' as const } : c));
  const widths = cols.map((c, i) => Math.max(3, c.header.length, ...rows.map((r) => (r[i] ?? '').length)));
  const left = (i: number) => cols[i]?.align === 'left';
  const line = (cells: readonly string[]) =>
    `| ${cols
      .map((_, i) => {
        const cell = (cells[i] ?? '').replaceAll('|', '¦');
        const width = widths[i] as number;
        return left(i) ? cell.padEnd(width) : cell.padStart(width);
      })
      .join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (left(i) ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(cols.map((c) => c.header)), rule, ...rows.map(line)].join('\n');
}

/** `n` with `digits` decimals, or `-` when it is not a finite number (a skipped or failed variant). */
export function fixed(n: number, digits = 2): string {
  return Number.isFinite(n) ? n.toFixed(digits) : '-';
}

/** A whole number with thousands separators (`200,000,000`). */
export function count(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '-';
}

export interface ParsedTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** The cells of column `name` (every row), or throws if the table has no such column. */
  column(name: string): string[];
}

const splitRow = (line: string) =>
  line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((cell) => cell.trim());

/** Every Markdown table in `text`: a header line, a rule line (`|---|:--|`), then its rows. */
export function parseTables(text: string): ParsedTable[] {
  const lines = text.split('\n');
  const tables: ParsedTable[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    const head = (lines[i] as string).trim();
    const rule = (lines[i + 1] as string).trim();
    if (!head.startsWith('|') || !/^\|(\s*:?-+:?\s*\|)+$/.test(rule)) continue;
    const header = splitRow(head);
    const rows: string[][] = [];
    let j = i + 2;
    for (; j < lines.length && (lines[j] as string).trim().startsWith('|'); j++)
      rows.push(splitRow(lines[j] as string));
    tables.push({
      header,
      rows,
      column(name: string) {
        const at = header.indexOf(name);
        if (at < 0) throw new Error(`no column "${name}" in a table with columns ${header.join(', ')}`);
        return rows.map((r) => r[at] ?? '');
      },
    });
    i = j - 1;
  }
  return tables;
}

/**
 * The first number in a cell as printed by a bench (`1,234.5`, `491.6 M`, `0.23x`, `12.0 µs`),
 * or NaN when the cell holds none (`-`, `skipped`).
 */
export function numberIn(cell: string): number {
  const m = cell.replace(/,/g, '').match(/-?\d+(\.\d+)?(e[+-]?\d+)?/i);
  return m ? Number(m[0]) : Number.NaN;
}
