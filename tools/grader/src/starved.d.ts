/** Types of starved.js (plain JavaScript, because vitest loads the results reporter that uses it). */
export declare const STARVED_LIMIT_MS: number;
export declare const TURN_MS: number;
export declare function starvedTestMessage(ms: number): string;
