/**
 * `node:worker_threads` for lesson code in a browser: which thread this is. Actor threads
 * are numbered as on Node (0 is the thread that started the graph); starting threads is the
 * runtime's job (SoloAct, troupes), not the lesson's.
 */
import { platform } from '#platform';

export const threadId: number = platform.threadId;
export const isMainThread: boolean = platform.isMainThread;
export default { threadId, isMainThread };
