/**
 * The prediction worker: loads stored models from IndexedDB (through its own tracking client) into tfjs and
 * predicts or evaluates with them, so a large CSV or a fine decision-boundary grid never blocks the page.
 */
import * as tf from '@tensorflow/tfjs';
import * as Comlink from 'comlink';
import { openTracking } from '../src/tracking';
import type { PredictApi } from '../src/ml/predict-api';
import { fetchBytes } from './fetch-bytes';
import { decodeImageFolder } from './image-decode';
import type { ImageHooks } from './image-training';
import { runEvaluation } from './predict/evaluate-run';
import { ModelCache } from './predict/loaded-model';
import { decisionBoundary, predictCsv, predictPoints } from './predict/predictions';

// Playground-sized networks predict faster on the plain cpu backend than WebGL can upload a tensor, and it needs
// no GPU, so predictions work on every machine.
const ready = tf.setBackend('cpu').then(async () => {
  await tf.ready();
  const tracking = await openTracking();
  return { tracking, cache: new ModelCache(tf, tracking) };
});

/** Image evaluations load the digits file and decode uploaded folders the way training does. */
const imageHooks: ImageHooks = { loadBytes: fetchBytes, decodeFolder: decodeImageFolder };

const api: PredictApi = {
  async describeModel(uri) {
    const { cache } = await ready;
    return (await cache.load(uri)).description;
  },
  async predictPoints(uri, points) {
    const { cache } = await ready;
    return predictPoints(tf, await cache.load(uri), points);
  },
  async decisionBoundary(uri, dataset, size) {
    const { cache } = await ready;
    const result = await decisionBoundary(tf, await cache.load(uri), dataset, size);
    return Comlink.transfer(result, [result.scores.buffer]);
  },
  async predictCsv(uri, text) {
    const { cache } = await ready;
    return predictCsv(tf, await cache.load(uri), text);
  },
  async evaluate(uri, dataset) {
    const { cache, tracking } = await ready;
    const loaded = await cache.load(uri);
    return runEvaluation(tf, tracking, loaded.model, loaded.description, dataset, imageHooks);
  },
};

Comlink.expose(api);

export type PredictWorkerApi = typeof api;
