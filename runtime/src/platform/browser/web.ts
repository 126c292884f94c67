/**
 * The few Web APIs the browser platform uses, typed here because the runtime is type-checked
 * against Node's globals (adding the DOM library would clash with them). Structural types: the
 * real objects satisfy them.
 */
export interface WebMessageEvent {
  readonly data: unknown;
}

export interface WebErrorEvent {
  readonly message?: string;
  readonly error?: unknown;
  preventDefault(): void;
}

export interface WebWorker {
  postMessage(message: unknown): void;
  terminate(): void;
  addEventListener(type: 'message', listener: (event: WebMessageEvent) => void): void;
  addEventListener(type: 'error' | 'messageerror', listener: (event: WebErrorEvent) => void): void;
}

export type WebWorkerConstructor = new (
  url: URL | string,
  options: { type: 'module'; name: string },
) => WebWorker;

/** The global scope of a dedicated worker (or of a page: then `name` is undefined or empty). */
export interface WebGlobalScope {
  readonly name?: string;
  readonly Worker?: WebWorkerConstructor;
  postMessage(message: unknown): void;
  close?(): void;
  addEventListener(type: 'message', listener: (event: WebMessageEvent) => void): void;
  addEventListener(type: 'unhandledrejection', listener: (event: { reason: unknown }) => void): void;
}

export const webGlobal = globalThis as unknown as WebGlobalScope;
