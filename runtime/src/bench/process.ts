/**
 * A TypeScript module started as a process of its own (a bench's roles: publisher, subscriber,
 * ping, pong), without a TypeScript loader: compiled to JavaScript first, as the runtime's actor
 * threads are (../platform/node/thread-code.ts), so a child starts in about a tenth of a second
 * instead of most of one. When the module cannot be compiled, the child loads it through tsx.
 */
import { pathToFileURL } from 'node:url';
import { threadCode } from '../platform/node/thread-code.ts';

/**
 * The arguments for `node` that run the module at `file`. Either way the child's
 * `process.argv[1]` is `file` itself, so a module that checks whether it is the program started
 * (`runIfEntryPoint`, or its own role check) still knows.
 */
export async function moduleProcessArgs(file: string): Promise<string[]> {
  const compiled = (await threadCode(pathToFileURL(file).href, []))?.hostUrl;
  if (!compiled) return ['--import', 'tsx', file];
  // `node -e code a b` gives the code process.argv [node, a, b]. The code stays CommonJS (no
  // `--input-type=module`): worker threads inherit that flag, and their bootstrap is CommonJS.
  // A module that fails to load rejects the import: Node prints why and exits with code 1.
  return ['--enable-source-maps', '-e', `import(${JSON.stringify(compiled)})`, file];
}
