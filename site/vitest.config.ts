import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'site',
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 240_000,
    // The end-to-end file builds and serves the site: keep files from competing for two cores.
    fileParallelism: false,
  },
});
