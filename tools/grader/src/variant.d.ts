/** Types of variant.js (plain JavaScript, because vitest loads it while reading a lesson's config). */
export declare function isVariant(variant: string): boolean;
export declare function currentVariant(): string;
export declare function variantFile(
  exerciseDir: string,
  variant: string,
  fileName: string,
): string | undefined;
export declare function learnerFile(exerciseDir: string | URL, fileName: string): string;
