/** Test helpers (import from `@steady/runtime/testing`). */
export { assertTakeEquals, sendAll, takeAll } from './channels.ts';
export { captureLogs, LogCapture } from './log-capture.ts';
export { freeUdpPort } from './ports.ts';
export { runLessonProgram, usageErrorOf } from './programs.ts';
export { StageDirection } from './stage.ts';
export { StageManager } from './stage-manager.ts';
export { waitUntil } from './wait-until.ts';
