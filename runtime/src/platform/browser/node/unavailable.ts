/**
 * What the browser build puts in place of the Node modules nothing in lessons 01-04 uses in a
 * browser, but that the bundle contains: UDP and DNS (Aeron, lesson 05, runs on Node only), child
 * processes and files (commander's executable subcommands, the test helper that runs a lesson
 * program as a process). Importing works; using any of it throws a clear error.
 */
function unavailable(what: string): never {
  throw new Error(`${what} is not available in the browser (run this program with Node)`);
}

const trap = (module: string) =>
  new Proxy(
    {},
    {
      get: (_target, name) =>
        name === 'then' || typeof name === 'symbol'
          ? undefined
          : () => unavailable(`${module} ${String(name)}()`),
    },
  );

export default trap('node');
export const createSocket = () => unavailable('UDP (node:dgram)');
export const lookup = () => unavailable('DNS (node:dns)');
export const isIPv4 = (value: string) => /^(\d{1,3}\.){3}\d{1,3}$/.test(value);
export const spawn = () => unavailable('child processes (node:child_process)');
export const spawnSync = () => unavailable('child processes (node:child_process)');
export const existsSync = () => false;
export const realpathSync = () => unavailable('files (node:fs)');
export const readFile = () => unavailable('files (node:fs)');
export const basename = () => unavailable('paths (node:path)');
export const dirname = () => unavailable('paths (node:path)');
export const extname = () => unavailable('paths (node:path)');
export const resolve = () => unavailable('paths (node:path)');
export const join = () => unavailable('paths (node:path)');
