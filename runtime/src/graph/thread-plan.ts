/** The data a worker thread is started with, and the messages it sends back. */
import type { RestartPolicy } from '../actor/actor-builder.ts';
import type { LogLevel, LogRecord } from '../log/logger.ts';
import type { StageDirection } from '../simulation/stage.ts';

export interface ThreadPlan {
  readonly control: SharedArrayBuffer;
  readonly graphArgs: unknown;
  readonly spinTurns: number;
  readonly logLevel: LogLevel;
  readonly useInternalBehavior: boolean;
  /** Names by actor index, for error messages about channel ownership. */
  readonly actorNames: readonly string[];
  readonly actors: readonly {
    readonly index: number;
    readonly name: string;
    readonly moduleUrl: string;
    readonly exportName: string;
    readonly args: readonly unknown[];
    readonly commitRecord: SharedArrayBuffer | undefined;
    readonly restartPolicy: RestartPolicy | undefined;
  }[];
}

/** Messages from the main thread to a worker: stage directions for simulated actors. */
export type DirectorMessage = {
  readonly type: 'direction';
  readonly id: number;
  readonly actor: number;
  readonly direction: StageDirection;
};

export type HostMessage =
  | { readonly type: 'direction-done'; readonly id: number; readonly error: string | undefined }
  | { readonly type: 'log'; readonly record: LogRecord }
  | { readonly type: 'veto'; readonly actor: number; readonly condition: string | undefined }
  | {
      readonly type: 'stopped';
      readonly actor: number;
      readonly error: string | undefined;
      readonly fatal: boolean;
      readonly snapshots: readonly { readonly id: number; readonly value: unknown }[];
    };
