import * as Comlink from 'comlink';
import type { PredictApi, PredictService } from '../ml/predict-api';

function abortError(): DOMException {
  return new DOMException('Stopped.', 'AbortError');
}

/**
 * The page's side of the prediction worker, in squoosh's worker-bridge shape: the worker (and tfjs with it)
 * starts on the first call, every call takes an AbortSignal, and aborting terminates the worker so work stops at
 * once; the next call starts a fresh one. An idle worker is stopped after a while to give its memory back.
 */
export class PredictBridge {
  private worker: Worker | null = null;
  private api: Comlink.Remote<PredictApi> | null = null;
  /** Rejecters of the calls in flight: terminating the worker ends them all, not only the aborted one. */
  private readonly inFlight = new Set<(error: unknown) => void>();
  private idleTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly idleMs = 120_000) {}

  readonly service: PredictService = {
    describeModel: (signal, uri) => this.call(signal, (api) => api.describeModel(uri)),
    predictPoints: (signal, uri, points) => this.call(signal, (api) => api.predictPoints(uri, points)),
    decisionBoundary: (signal, uri, dataset, size) => this.call(signal, (api) => api.decisionBoundary(uri, dataset, size)),
    predictCsv: (signal, uri, text) => this.call(signal, (api) => api.predictCsv(uri, text)),
    evaluate: (signal, uri, dataset) => this.call(signal, (api) => api.evaluate(uri, dataset)),
  };

  private start(): Comlink.Remote<PredictApi> {
    if (!this.api) {
      this.worker = new Worker(new URL('../../workers/predict.worker.ts', import.meta.url), { type: 'module', name: 'predict' });
      this.api = Comlink.wrap<PredictApi>(this.worker);
    }
    return this.api;
  }

  terminate(): void {
    this.worker?.terminate();
    this.worker = null;
    this.api = null;
    for (const reject of this.inFlight) reject(abortError());
  }

  private async call<T>(signal: AbortSignal | undefined, work: (api: Comlink.Remote<PredictApi>) => Promise<T>): Promise<T> {
    if (signal?.aborted) throw abortError();
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    const api = this.start();
    let reject: (error: unknown) => void = () => {};
    const stopped = new Promise<never>((_, r) => (reject = r));
    const onAbort = () => this.terminate();
    this.inFlight.add(reject);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await Promise.race([work(api), stopped]);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      this.inFlight.delete(reject);
      if (this.inFlight.size === 0 && this.api) this.idleTimer = setTimeout(() => this.terminate(), this.idleMs);
    }
  }
}
