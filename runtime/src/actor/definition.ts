/**
 * An actor that can run on any thread is named by its module and export, because a
 * function cannot cross a thread boundary: the worker imports the module itself.
 */
import type { SteadyActor } from './context.ts';

// biome-ignore lint/suspicious/noExplicitAny: an actor may read any argument type
export type ActorBehavior<A extends unknown[]> = (actor: SteadyActor<any>, ...args: A) => Promise<void>;

export interface ActorDefinition<A extends unknown[]> {
  readonly moduleUrl: string;
  readonly exportName: string;
  readonly behavior: ActorBehavior<A>;
}

/**
 * Declares an actor from its module: `export const HeartbeatActor = defineActor(import.meta.url, run)`.
 * The behaviour must be exported from that module under its own name.
 */
export function defineActor<A extends unknown[]>(
  moduleUrl: string,
  behavior: ActorBehavior<A>,
): ActorDefinition<A> {
  if (typeof behavior !== 'function' || !behavior.name) {
    throw new TypeError(
      'defineActor needs a named, exported function (e.g. `export async function run(actor, ...)`)',
    );
  }
  // file: on Node; http(s): in a browser, where the page serves the lesson's modules.
  if (!/^(file|https?):/.test(moduleUrl)) {
    throw new TypeError(`defineActor needs the module's import.meta.url, got ${JSON.stringify(moduleUrl)}`);
  }
  return { moduleUrl, exportName: behavior.name, behavior };
}

export function isActorDefinition(value: unknown): value is ActorDefinition<unknown[]> {
  return typeof value === 'object' && value !== null && 'moduleUrl' in value && 'exportName' in value;
}
