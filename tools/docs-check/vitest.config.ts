import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'docs-check',
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    maxConcurrency: 2,
  },
});
