import { defineConfig } from 'vitest/config';

// One `vitest run` at the root runs every workspace project (the runtime and each lesson).
export default defineConfig({
  test: {
    projects: ['runtime', 'tools/*', 'lessons/*', 'site'],
  },
});
