/** What the page and the stage workers of the postMessage pipeline say to each other. */
import type { Batch } from '../../lessons/04-performant/bench/batch-work.ts';

/** A stage worker's name is its role. */
export type StageRole = 'map' | 'count';
/** The message that ends a run, after the last batch. */
export const END = 'end';
export type StageMessage = Batch | typeof END;
