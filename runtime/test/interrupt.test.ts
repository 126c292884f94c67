/**
 * Ctrl-C in a program run through `runProgram`: the first shuts the running graphs down cleanly,
 * a second one pressed later ends the program at once with 130, and two that arrive together
 * (a terminal's, and the one a parent passes on) count as one. What the first one prints names
 * Ctrl-C only when the program runs in a terminal.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { waitUntil } from '../src/testing/index.ts';

const PROGRAM = fileURLToPath(new URL('./fixtures/interrupt-program.ts', import.meta.url));

interface Started {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly exited: Promise<number | null>;
}

async function start(...args: string[]): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', PROGRAM, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await waitUntil(() => text.includes('ready'), 30_000, 'the program to be running');
  return { child, output: () => text, exited };
}

describe('Ctrl-C in a program', () => {
  it('shuts the graph down cleanly: the actor leaves its loop and the program ends with 0', async () => {
    const program = await start();
    program.child.kill('SIGINT');
    expect(await program.exited).toBe(0);
    // Its input is no terminal: a parent interrupted it, and no key is named.
    expect(program.output()).toContain(
      'Interrupted: the graph is shutting down; a second interrupt stops the program at once',
    );
    expect(program.output()).not.toContain('Ctrl-C');
    expect(program.output()).toMatch(/stopped cleanly after \d+ ticks/);
  }, 60_000);

  it('in a terminal, names the key: Ctrl-C shuts the graph down, and the notice says to press it again to stop at once', async () => {
    // `script` runs the program on a pseudo-terminal; the ^C written to it is the terminal's Ctrl-C.
    // `exec`, so the shell `script` starts ($SHELL, or dash) is not in the terminal's group too:
    // a shell that waited for the program would be killed by the same Ctrl-C, and report 130.
    const command = `exec '${process.execPath}' --import tsx '${PROGRAM}'`;
    const child = spawn('script', ['-qfec', command, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => (text += chunk));
    child.stderr?.on('data', (chunk: Buffer) => (text += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await waitUntil(() => text.includes('ready'), 30_000, 'the program to be running');
    child.stdin?.write('\x03');
    expect(await exited).toBe(0);
    expect(text).toContain('Ctrl-C: the graph is shutting down; press Ctrl-C again to stop at once');
    expect(text).toMatch(/stopped cleanly after \d+ ticks/);
  }, 60_000);

  it('ends the program at once with 130 on a second Ctrl-C, when an actor does not stop', async () => {
    const program = await start('--stubborn');
    program.child.kill('SIGINT');
    await waitUntil(
      () => program.output().includes('shutting down'),
      10_000,
      'the first Ctrl-C to be answered',
    );
    await new Promise((resolve) => setTimeout(resolve, 400)); // a second press, a moment later
    program.child.kill('SIGINT');
    expect(await program.exited).toBe(130);
    expect(program.output()).not.toContain('stopped cleanly');
  }, 60_000);

  it('takes two Ctrl-Cs that arrive together for one press', async () => {
    const program = await start('--stubborn');
    program.child.kill('SIGINT');
    program.child.kill('SIGINT');
    const early = await Promise.race([
      program.exited,
      new Promise<'running'>((resolve) => setTimeout(() => resolve('running'), 1000)),
    ]);
    program.child.kill('SIGKILL');
    await program.exited;
    expect(early).toBe('running');
    expect(program.output().match(/shutting down/g)).toHaveLength(1);
  }, 60_000);
});
