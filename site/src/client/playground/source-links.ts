/**
 * Places in the lesson's files that the terminal names become links: a compiler message
 * (`src/args.ts:17:4: Unexpected token`), a stack frame or an actor's failure report
 * (`(at HeartbeatActor.run (src/actor/heartbeat.ts:25:13))`). Clicking one opens the file in the
 * editor at that line. Native mode names files by the working copy's URL
 * (`file:///…/.work/01-minimum/src/actor/heartbeat.ts:25:13`): the part after the lesson's folder
 * is the lesson path. Only files the file list shows are linked, so a runtime or package frame
 * stays plain text.
 */
import type { IDisposable, ILink, Terminal } from '@xterm/xterm';

/** A lesson file named in a text, and where in the text (`start` inclusive, `end` exclusive). */
export interface SourceLocation {
  readonly start: number;
  readonly end: number;
  readonly path: string;
  readonly line: number;
  readonly column: number;
}

/** A file name with a line and maybe a column, not inside a longer word (`(x.ts:1:2)`, `x.ts:3: msg`). */
const LOCATION = /(?<![^\s('"`])([^\s()'"`]+?\.[cm]?[jt]sx?):(\d+)(?::(\d+))?/g;

/** The lesson path `name` stands for: itself, or what follows the lesson's folder in a URL or path. */
function lessonPath(name: string, lessonId: string): string {
  const folder = `/${lessonId}/`;
  const at = name.lastIndexOf(folder);
  if (at >= 0) return name.slice(at + folder.length);
  return name.startsWith('./') ? name.slice(2) : name;
}

/** The places in `text` that name one of `files` (lesson paths), in order. */
export function sourceLocations(
  text: string,
  lessonId: string,
  files: ReadonlySet<string>,
): SourceLocation[] {
  const found: SourceLocation[] = [];
  for (const match of text.matchAll(LOCATION)) {
    const [whole, name = '', line = '', column] = match;
    const path = lessonPath(name, lessonId);
    if (!files.has(path)) continue;
    found.push({
      start: match.index,
      end: match.index + whole.length,
      path,
      line: Number(line),
      column: column === undefined ? 1 : Number(column),
    });
  }
  return found;
}

/** One row of the terminal's buffer as it is written, with whether it continues the row above. */
interface Row {
  readonly text: string;
  readonly wrapped: boolean;
}

/**
 * The logical line through buffer row `y` (1-based, as xterm counts them): the rows a long line
 * was wrapped over, joined, and the row where it starts.
 */
function logicalLine(row: (index: number) => Row | undefined, y: number): { text: string; firstY: number } {
  let first = y - 1;
  while (first > 0 && row(first)?.wrapped) first--;
  let text = row(first)?.text ?? '';
  for (let i = first + 1; row(i)?.wrapped; i++) text += row(i)?.text ?? '';
  return { text, firstY: first + 1 };
}

/**
 * The links on buffer row `y`: the source locations of its logical line that reach into that row,
 * with their ranges in buffer cells (a wrapped row holds `cols` characters).
 */
export function linksOnRow(
  row: (index: number) => Row | undefined,
  cols: number,
  y: number,
  lessonId: string,
  files: ReadonlySet<string>,
): { range: ILink['range']; location: SourceLocation }[] {
  const { text, firstY } = logicalLine(row, y);
  const cell = (offset: number) => ({ x: (offset % cols) + 1, y: firstY + Math.floor(offset / cols) });
  return sourceLocations(text, lessonId, files)
    .map((location) => ({ range: { start: cell(location.start), end: cell(location.end - 1) }, location }))
    .filter(({ range }) => range.start.y <= y && range.end.y >= y);
}

/** Makes the lesson's source locations in `terminal` links that call `open`. */
export function registerSourceLinks(
  terminal: Terminal,
  lessonId: string,
  files: () => ReadonlySet<string>,
  open: (location: SourceLocation) => void,
): IDisposable {
  const row = (index: number): Row | undefined => {
    const buffer = terminal.buffer.active;
    const line = buffer.getLine(index);
    // A row the line goes on from keeps its trailing spaces: they are part of the line.
    const continued = buffer.getLine(index + 1)?.isWrapped ?? false;
    return line && { text: line.translateToString(!continued), wrapped: line.isWrapped };
  };
  return terminal.registerLinkProvider({
    provideLinks(y, callback) {
      const links = linksOnRow(row, terminal.cols, y, lessonId, files()).map(
        ({ range, location }): ILink => ({
          range,
          text: `${location.path}:${location.line}:${location.column}`,
          activate: () => open(location),
        }),
      );
      callback(links.length > 0 ? links : undefined);
    },
  });
}
