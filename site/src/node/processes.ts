/**
 * Child processes of the native runner, each in a process group of its own so that stopping one
 * stops everything it started (node and its worker threads; npm and its shell too when a script
 * goes through npm). Every child is killed on stop, when its page goes away, and when the server
 * exits.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const live = new Set<ChildProcess>();
const isWindows = process.platform === 'win32';

export function spawnGroup(
  command: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  /** `pipe` for a child that takes requests on its standard input (a warm grader). */
  stdin: 'ignore' | 'pipe' = 'ignore',
): ChildProcess {
  const child = spawn(command, args, {
    cwd,
    env,
    detached: !isWindows, // a process group: the whole tree gets the signal
    stdio: [stdin, 'pipe', 'pipe'],
    windowsHide: true,
    shell: false,
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  child.once('error', () => live.delete(child));
  return child;
}

function signalTree(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    if (isWindows) spawn('taskkill', ['/pid', String(child.pid), '/T', '/F'], { stdio: 'ignore' });
    else process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** Stops a child and its descendants: SIGTERM, then SIGKILL after `graceMs`. Resolves when it exited. */
export function killTree(child: ChildProcess, graceMs = 1500): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => signalTree(child, 'SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      // The group may outlive its leader (a child that ignores SIGTERM): make sure, and wait for it.
      groupGone(child.pid).then(resolve);
    });
    signalTree(child, 'SIGTERM');
  });
}

/**
 * Stops a lesson's program as Ctrl-C in its terminal would: SIGINT to the whole group, so that its
 * graph shuts down cleanly and prints what it prints on the way out (lesson 04 its totals). What
 * has not exited after `graceMs` is stopped hard (`killTree`). Resolves when all of it is gone.
 */
export function interruptTree(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => void killTree(child).then(resolve), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      groupGone(child.pid).then(resolve);
    });
    signalTree(child, 'SIGINT');
  });
}

/**
 * Whether any process of the group still runs. Zombies (dead, waiting for init to reap them) do not
 * count: on Linux /proc tells them apart; elsewhere a signal 0 probe is the best there is.
 */
export function groupAlive(pgid: number): boolean {
  if (process.platform === 'linux') {
    try {
      for (const entry of readdirSync('/proc')) {
        if (!/^\d+$/.test(entry)) continue;
        let stat: string;
        try {
          stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        } catch {
          continue; // exited meanwhile
        }
        // pid (comm) state ppid pgrp …: comm may hold spaces, so read after the last ')'.
        const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        if (Number(pgrp) === pgid && state !== 'Z' && state !== 'X') return true;
      }
      return false;
    } catch {
      // no /proc: fall through
    }
  }
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Kills what is left of a process group and resolves once none of it remains (at most ~3 s). */
export async function groupGone(pid: number | undefined): Promise<void> {
  if (pid === undefined || isWindows) return;
  const deadline = Date.now() + 3000;
  while (groupAlive(pid) && Date.now() < deadline) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function liveChildren(): number {
  return live.size;
}

/** Synchronous last resort, for process exit. */
export function killAllNow(): void {
  for (const child of live) {
    if (child.pid === undefined) continue;
    try {
      if (isWindows) spawn('taskkill', ['/pid', String(child.pid), '/T', '/F'], { stdio: 'ignore' });
      else process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  live.clear();
}

let hooked = false;
/** Kills every child when this process exits, by a signal or normally. */
export function killChildrenOnExit(): void {
  if (hooked) return;
  hooked = true;
  process.once('exit', killAllNow);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killAllNow();
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}
