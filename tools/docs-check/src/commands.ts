/**
 * Finds the commands the docs show: every `sh`, `bash`, `shell` or `console` code block of every
 * README.md and docs/*.md in the repository, split into one command per line (a trailing `\`
 * continues a line; `# comments` and, in `console` blocks, output lines are dropped).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { marked, type Token, type Tokens } from 'marked';

const SHELL_LANGUAGES = new Set(['sh', 'bash', 'shell', 'zsh', 'console']);
/** Folders never searched: installed packages, build output, caches, working copies. */
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'reports', 'coverage']);
/** `<!-- not run in CI: why -->` right before a block marks all its commands as not runnable. */
const NOT_RUN_MARKER = /^<!--\s*not run in CI:\s*(.*?)\s*-->$/s;

export interface DocCommand {
  /** The document, relative to the repository root (`lessons/01-minimum/README.md`). */
  readonly file: string;
  readonly line: number;
  /** The command with its comment removed and spaces collapsed: the key of the coverage table. */
  readonly command: string;
  /** The reason given by a not-run marker before its block, if there is one. */
  readonly notRunReason?: string;
}

/** README.md files and the Markdown files of docs/ folders, relative to `root`, sorted. */
export function findDocs(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || SKIPPED_DIRS.has(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name === 'README.md' || (entry.name.endsWith('.md') && dirname(path).endsWith('/docs')))
        found.push(relative(root, path));
    }
  };
  walk(root);
  return found.sort();
}

/** Removes a `# comment` that is not inside quotes, and collapses spaces. */
export function stripComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1] as string))) return collapse(line.slice(0, i));
  }
  return collapse(line);
}

const collapse = (s: string) => s.trim().replace(/\s+/g, ' ');

/** The commands of one shell block: `&&` chains split, continuations joined, comments and output dropped. */
export function commandsOfBlock(language: string, text: string): { offset: number; command: string }[] {
  const out: { offset: number; command: string }[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const offset = i;
    let line = lines[i] as string;
    if (language === 'console') {
      if (!line.startsWith('$ ')) continue; // output, not a command
      line = line.slice(2);
    }
    while (line.trimEnd().endsWith('\\') && i + 1 < lines.length)
      line = `${line.trimEnd().slice(0, -1)} ${lines[++i]}`;
    const command = stripComment(line);
    if (!command) continue;
    for (const part of command.split(/\s&&\s/)) out.push({ offset, command: collapse(part) });
  }
  return out;
}

/** Every command shown in the shell blocks of `markdown` (the text of `file`). */
export function commandsOfMarkdown(file: string, markdown: string): DocCommand[] {
  const found: DocCommand[] = [];
  let cursor = 0;
  let marker: string | undefined;
  const visit = (tokens: readonly Token[]) => {
    for (const token of tokens) {
      if (token.type === 'space') continue;
      if (token.type === 'html') {
        marker = NOT_RUN_MARKER.exec((token as Tokens.HTML).text.trim())?.[1];
        continue;
      }
      if (token.type === 'code') {
        const code = token as Tokens.Code;
        const language = (code.lang ?? '').split(/\s/)[0] ?? '';
        const firstLine = code.text.split('\n')[0] ?? '';
        const at = markdown.indexOf(firstLine, cursor);
        if (at >= 0) cursor = at;
        const line = markdown.slice(0, cursor).split('\n').length;
        if (SHELL_LANGUAGES.has(language)) {
          for (const { offset, command } of commandsOfBlock(language, code.text))
            found.push({ file, line: line + offset, command, ...(marker ? { notRunReason: marker } : {}) });
        }
      }
      marker = undefined;
      const nested =
        (token as { tokens?: Token[]; items?: Token[] }).items ?? (token as { tokens?: Token[] }).tokens;
      if (nested && token.type !== 'code') visit(nested);
    }
  };
  visit(marked.lexer(markdown));
  return found;
}

/** Every command of every README.md and docs/*.md under `root`. */
export function docCommands(root: string): DocCommand[] {
  return findDocs(root).flatMap((file) => commandsOfMarkdown(file, readFileSync(join(root, file), 'utf8')));
}
