import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// One `vitest run` at the root runs every workspace project (the runtime and each lesson).
export default defineConfig({
  test: {
    projects: ['runtime', 'tools/*', 'lessons/*', 'site'],
    // Vitest's default (one worker fewer than the cores) runs files one at a time on two cores,
    // where many test files leave a core idle (waiting on a child process, a browser, a timer):
    // two at a time there took the whole suite from about 620 s to 544 and 599 s (two runs, every
    // test passing; the machine's two cores then busy 86 % of the time instead of 73 %).
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
