/** An actor that fails on every life (the test's fixture, not the exercise). */
import { defineActor, type SteadyActor } from '@steady/runtime';

export async function hopeless(actor: SteadyActor): Promise<void> {
  await actor.waitTimeout(1);
  throw new Error(`cannot connect (life ${actor.restartCount})`);
}
export const Hopeless = defineActor(import.meta.url, hopeless);
