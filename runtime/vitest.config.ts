import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'runtime',
    include: ['test/**/*.test.ts'],
    // Interop with a real Aeron needs its binaries (AERON_BIN_DIR): `npm run test:interop`.
    exclude: process.env.AERON_BIN_DIR ? [] : ['test/aeron/interop.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
