import { exerciseVariant } from '@steady/grader/vite-plugin';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [exerciseVariant()],
  test: {
    name: '04-performant',
    // The lesson's own tests; the grader (`npm test`) sets STEADY_GRADE to run the exercises instead.
    include: process.env.STEADY_GRADE ? ['exercises/**/*.test.ts'] : ['test/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
