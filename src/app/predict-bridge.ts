import type { PredictApi, PredictService } from '../ml/predict-api';
import { WorkerBridge } from '../shared/worker-bridge';

/** An idle prediction worker (and the tfjs models it caches) is stopped after this long to give its memory back. */
const IDLE_MS = 120_000;

/**
 * The page's side of the prediction worker on the shared WorkerBridge: the worker (and tfjs with it) starts on
 * the first call, every call takes an AbortSignal, and aborting terminates the worker so work stops at once;
 * the next call starts a fresh one. A crashed worker rejects every pending call with the reason.
 */
export class PredictBridge {
  private readonly bridge: WorkerBridge<PredictApi>;

  constructor(idleMs = IDLE_MS) {
    this.bridge = new WorkerBridge<PredictApi>({
      label: 'prediction',
      create: () =>
        new Worker(new URL('../../workers/predict.worker.ts', import.meta.url), { type: 'module', name: 'predict' }),
      idleMs,
    });
  }

  readonly service: PredictService = {
    describeModel: (signal, uri) => this.bridge.call(signal, (api) => api.describeModel(uri)),
    predictPoints: (signal, uri, points) => this.bridge.call(signal, (api) => api.predictPoints(uri, points)),
    decisionBoundary: (signal, uri, dataset, size) =>
      this.bridge.call(signal, (api) => api.decisionBoundary(uri, dataset, size)),
    predictCsv: (signal, uri, text) => this.bridge.call(signal, (api) => api.predictCsv(uri, text)),
    evaluate: (signal, uri, dataset) => this.bridge.call(signal, (api) => api.evaluate(uri, dataset)),
  };

  terminate(): void {
    this.bridge.dispose();
  }
}
