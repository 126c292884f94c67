/**
 * `npm run bench -w runtime`: the channel benchmark, then the other benches that exist
 * (`aeron.ts`, `telemetry.ts`), each imported only if its file is there.
 */
import { existsSync } from 'node:fs';
import { main as channels } from './channels.ts';

/** Runs an optional bench: its exported `main` if it has one, else whatever importing it does. */
async function runIfPresent(file: string): Promise<void> {
  const url = new URL(file, import.meta.url);
  if (!existsSync(url)) return;
  process.stdout.write(`\n== ${file} ==\n`);
  const module = (await import(url.href)) as { main?: unknown };
  if (typeof module.main === 'function') await (module.main as () => unknown)();
}

process.stdout.write('== channels.ts ==\n');
await channels();
await runIfPresent('./aeron.ts');
await runIfPresent('./telemetry.ts');
// Graph keep-alive handles and worker threads are gone by now; exit explicitly all the same.
process.exit(0);
