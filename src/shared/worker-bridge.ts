/**
 * The one page-side bridge to a comlink worker, after Squoosh's WorkerBridge: the worker starts on the first
 * call, every call can take an AbortSignal, and the worker is terminated when idle, on abort and on dispose.
 * Comlink alone never settles a call whose worker died, so the bridge keeps every pending call and rejects them
 * all when the worker crashes (`error`), fails to load its script, or cannot decode a message (`messageerror`).
 *
 * It lives in src/shared because the app (training, prediction), io (export/import dialogs) and ui (Compare's
 * history reader) all start workers, and ui may not import app nor io import ui. It imports only comlink and
 * uses nothing but `Worker`, `EventTarget` and timers, so it type-checks for the page and for workers alike.
 */
import * as Comlink from 'comlink';

/** Why a worker stopped answering; `message` says what happened and what to do about it. */
export type WorkerFailureKind = 'crashed' | 'load-failed' | 'message-error' | 'interrupted';

export class WorkerFailedError extends Error {
  override readonly name = 'WorkerFailedError';
  constructor(
    readonly kind: WorkerFailureKind,
    message: string,
  ) {
    super(message);
  }
}

/** The part of a Worker the bridge uses: a real Worker, or a test double at the same boundary. */
export interface BridgeableWorker extends Comlink.Endpoint {
  terminate(): void;
}

export interface WorkerBridgeOptions {
  /** Starts the worker. Keep `new Worker(new URL('…', import.meta.url))` literal here so Vite bundles it. */
  create: () => BridgeableWorker;
  /** What the worker does, for error messages: "The {label} worker stopped unexpectedly". */
  label: string;
  /** Terminate the worker after this long with no call pending (0: as soon as the last call settles). */
  idleMs?: number;
  /** The rejection an aborted call gets (default: a DOMException named AbortError). */
  abortError?: () => Error;
  /**
   * What an abort does to the worker. 'terminate' (the default) stops it at once — the only way to stop work
   * already running, and what a call with side effects needs (a cancelled import must not go on to commit) — and
   * interrupts every other call pending in it. 'terminate-if-alone' does so only when no other call is pending;
   * otherwise the aborted call's result is dropped when it comes, which suits a worker shared by independent
   * side-effect-free reads, where one cancelled read must not fail the others.
   */
  whenAborted?: 'terminate' | 'terminate-if-alone';
}

const DEFAULT_IDLE_MS = 60_000;

const defaultAbortError = () => new DOMException('Stopped.', 'AbortError');

export class WorkerBridge<Api> {
  private worker: BridgeableWorker | null = null;
  private api: Comlink.Remote<Api> | null = null;
  /** Rejecters of the calls in flight: a dead worker answers none of them. */
  private readonly pending = new Set<(error: unknown) => void>();
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly idleMs: number;
  private readonly abortError: () => Error;

  constructor(private readonly options: WorkerBridgeOptions) {
    this.idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
    this.abortError = options.abortError ?? defaultAbortError;
  }

  /** True while a worker is running (started and not yet terminated). */
  get running(): boolean {
    return this.worker !== null;
  }

  /**
   * Runs `work` against the worker's API, starting the worker if needed. Aborting `signal` rejects this call at
   * once and terminates the worker, since that is the only way to stop work already running in it; any other
   * call still pending in that worker is rejected too ("interrupted"), and the next call starts a fresh worker
   * (unless `whenAborted` is 'terminate-if-alone' and other calls are pending).
   */
  async call<T>(signal: AbortSignal | undefined, work: (api: Comlink.Remote<Api>) => Promise<T>): Promise<T> {
    if (signal?.aborted) throw this.abortError();
    clearTimeout(this.idleTimer);
    const api = this.start();
    let rejectCall: (error: unknown) => void = () => {};
    const stopped = new Promise<never>((_, reject) => (rejectCall = reject));
    const onAbort = () => {
      this.pending.delete(rejectCall);
      rejectCall(this.abortError());
      if (this.options.whenAborted !== 'terminate-if-alone' || this.pending.size === 0)
        this.terminate(this.interrupted());
    };
    this.pending.add(rejectCall);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await Promise.race([work(api), stopped]);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      this.pending.delete(rejectCall);
      this.scheduleIdleStop();
    }
  }

  /** Terminates the worker now; pending calls reject with `reason` (default: interrupted). The next call restarts. */
  terminate(reason: Error = this.interrupted()): void {
    clearTimeout(this.idleTimer);
    const worker = this.worker;
    if (!worker) return;
    worker.removeEventListener('error', this.onError);
    worker.removeEventListener('messageerror', this.onMessageError);
    this.worker = null;
    this.api = null;
    worker.terminate();
    const rejecters = [...this.pending];
    this.pending.clear();
    for (const reject of rejecters) reject(reason);
  }

  /** Ends the worker for good from the owner's side (a page that goes away, a sweep that ends). */
  dispose(): void {
    this.terminate(this.abortError());
  }

  private start(): Comlink.Remote<Api> {
    if (this.api) return this.api;
    const worker = this.options.create();
    worker.addEventListener('error', this.onError);
    worker.addEventListener('messageerror', this.onMessageError);
    this.worker = worker;
    this.api = Comlink.wrap<Api>(worker);
    return this.api;
  }

  private scheduleIdleStop(): void {
    if (this.pending.size > 0 || !this.worker) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (this.pending.size === 0) this.terminate();
    }, this.idleMs);
  }

  /**
   * A module worker whose script cannot load fires a plain Event; an uncaught error inside it fires an
   * ErrorEvent with the message. Either way the worker will not answer, so every pending call fails now.
   */
  private readonly onError = (event: Event) => {
    event.preventDefault();
    const { label } = this.options;
    const message = (event as ErrorEvent).message;
    const error = message
      ? new WorkerFailedError(
          'crashed',
          `The ${label} worker stopped unexpectedly: ${message}. Try again; if it keeps happening, reload the page.`,
        )
      : new WorkerFailedError(
          'load-failed',
          `The ${label} worker could not start (its script failed to load, or the browser ran out of memory). Reload the page and try again.`,
        );
    this.terminate(error);
  };

  private readonly onMessageError = () => {
    this.terminate(
      new WorkerFailedError(
        'message-error',
        `The ${this.options.label} worker sent a message the page could not read. Reload the page and try again.`,
      ),
    );
  };

  private interrupted(): WorkerFailedError {
    return new WorkerFailedError(
      'interrupted',
      `The ${this.options.label} worker was stopped before this finished (another task in it was cancelled). Try again.`,
    );
  }
}
