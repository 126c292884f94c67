/**
 * Runs one scenario of `test/fixtures/scenarios.ts` in a module worker of the test page, with
 * the browser runtime's shell installed (as a site's test worker would), and posts back its
 * result, or its error, and what it printed.
 */
import { installShell } from '@steady/runtime/browser-host';

interface WorkerScope {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}
const scope = globalThis as unknown as WorkerScope;
const output: string[] = [];
installShell({ sink: (_stream, text) => output.push(text), colours: false });

scope.addEventListener('message', async (event) => {
  const { module, exportName, args } = event.data as { module: string; exportName: string; args: unknown[] };
  try {
    const scenarios = (await import(module)) as Record<string, (...a: unknown[]) => Promise<unknown>>;
    const scenario = scenarios[exportName];
    if (!scenario) throw new Error(`${module} exports no scenario ${exportName}`);
    const result = await scenario(...args);
    scope.postMessage({ ok: true, result, output: output.join('') });
  } catch (error) {
    scope.postMessage({
      ok: false,
      error: error instanceof Error ? error.stack : String(error),
      output: output.join(''),
    });
  }
});
