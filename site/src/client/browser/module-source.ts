/**
 * Turns a lesson's TypeScript file into a browser module: sucrase strips the types (keeping imports
 * as written, like `verbatimModuleSyntax`), then es-module-lexer finds every import specifier and
 * bare ones are pointed at the site's bundles. Runs inside the Service Worker; pure, so node tests it.
 */
import { init, parse } from 'es-module-lexer';
import { transform } from 'sucrase';
import { BARE_MODULES, MISSING_MODULE } from './urls.ts';

export interface CompiledModule {
  readonly code: string;
  /** Set when the source does not compile: the code then throws this message when imported. */
  readonly error?: string;
}

/** Where a specifier points in the browser: relative and absolute URLs stay, bare names are mapped. */
export function browserSpecifier(specifier: string): string {
  if (/^(\.{1,2}\/|\/|[a-z][a-z0-9+.-]*:\/\/)/i.test(specifier)) return specifier;
  return BARE_MODULES[specifier] ?? `${MISSING_MODULE}${encodeURIComponent(specifier)}`;
}

/** A module whose evaluation throws `message`: how a compile error reaches the code importing it. */
export function throwingModule(message: string): string {
  return `throw new SyntaxError(${JSON.stringify(message)});\n`;
}

/** Another target for a relative specifier (the solution variant), or undefined to keep it. */
export type RelativeMap = (specifier: string) => string | undefined;

/** Compiles `source` (TypeScript) found at `displayPath` (used in error messages). */
export async function compileModule(
  source: string,
  displayPath: string,
  mapRelative?: RelativeMap,
): Promise<CompiledModule> {
  let code: string;
  try {
    code = transform(source, {
      transforms: ['typescript'],
      keepUnusedImports: true,
      disableESTransforms: true,
      filePath: displayPath,
    }).code;
  } catch (error) {
    const message = compileErrorText(error, displayPath);
    return { code: throwingModule(message), error: message };
  }
  return { code: await rewriteImports(code, mapRelative) };
}

/** `src/main.ts:3:10: Unexpected token`, the shape compilers print, from a sucrase error. */
export function compileErrorText(error: unknown, displayPath: string): string {
  const raw = error instanceof Error ? error.message : String(error);
  const loc = (error as { loc?: { line: number; column: number } }).loc;
  const reason = raw
    .replace(/^Error transforming [^:]*: /, '')
    .replace(/ \(\d+:\d+\)$/, '')
    .trim();
  return loc ? `${displayPath}:${loc.line}:${loc.column}: ${reason}` : `${displayPath}: ${reason}`;
}

/** Rewrites the specifier of every static import/export and of string-literal dynamic imports. */
export async function rewriteImports(code: string, mapRelative?: RelativeMap): Promise<string> {
  await init;
  const [imports] = parse(code);
  let out = '';
  let last = 0;
  for (const entry of imports) {
    // `n` is the specifier's value; undefined for `import(expr)` and `import.meta`.
    if (entry.n === undefined || entry.s < 0) continue;
    const target = mapRelative?.(entry.n) ?? browserSpecifier(entry.n);
    if (target === entry.n) continue;
    // Static imports: s..e is the text inside the quotes; dynamic: the whole literal with quotes.
    const quoted = entry.d > -1;
    out += code.slice(last, entry.s) + (quoted ? JSON.stringify(target) : target);
    last = entry.e;
  }
  return out + code.slice(last);
}
