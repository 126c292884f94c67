/**
 * Test helpers (`@steady/runtime/testing`): sending into and taking from channels, log capture,
 * waiting for a condition, free ports, running a lesson's program, and the stage manager that
 * directs simulated actors (re-exported from the runtime's simulation module).
 */
export { StageDirection } from '../simulation/stage.ts';
export { StageManager } from '../simulation/stage-manager.ts';
export { assertTakeEquals, sendAll, takeAll } from './channels.ts';
export { captureLogs, LogCapture } from './log-capture.ts';
export { freeUdpPort } from './ports.ts';
export { runLessonProgram, usageErrorOf } from './programs.ts';
export { waitUntil } from './wait-until.ts';
