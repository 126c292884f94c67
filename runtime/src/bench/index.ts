/**
 * Helpers every benchmark shares (import from `@steady/runtime/bench`): the command line with
 * `--smoke`, the entry-point check, time budgets, waiting for an idle machine, medians, and the
 * Markdown tables the benches print and the smoke tests read back. See README.md beside this file.
 */
export { TimeBudget } from './budget.ts';
export { type MachineIdleOptions, machineIdle } from './idle.ts';
export { moduleProcessArgs } from './process.ts';
export {
  type BenchOptions,
  benchCommand,
  isEntryPoint,
  onlyOption,
  parseBenchOptions,
  runIfEntryPoint,
} from './program.ts';
export { describeRun, type ProgramRun, type RunOptions, runProgram } from './smoke.ts';
export { median, quantile } from './stats.ts';
export { type Column, count, fixed, formatTable, numberIn, type ParsedTable, parseTables } from './table.ts';
export { benchWorkerData, startBenchWorker } from './worker.ts';
