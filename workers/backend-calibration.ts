/**
 * `auto` backend by measurement: for each model shape, a short training of that very model on random data on
 * every backend that starts here, and the fastest that can train it wins. A backend that lacks one of the model's
 * kernels (tfjs-wasm has no Conv2DBackpropFilter, tfjs#8474) fails its measurement and says so. Results are cached
 * per shape and machine setup in tracking preferences, so a shape is measured once (after its first run, which
 * goes by model size), not every run.
 */
import * as tf from '@tensorflow/tfjs';
import type { TrackingClient } from '../src/tracking';
import { buildModel } from '../src/ml/build-model';
import type { BackendChoice, ModelConfig } from '../src/ml/model-config';
import { errorMessage } from '../src/shared/errors';
import { useBackend } from './backends';
import { wasmThreadsWanted } from './wasm-threads';

/** v2: measured at the steady rate (MIN_TIMED_MS); v1's 8-batch fits timed mostly fit()'s own set-up. */
export const CALIBRATION_PREFERENCE = 'tabflow.backend-calibration.v2';
const CANDIDATES: BackendChoice[] = ['cpu', 'wasm', 'webgl'];
/** The first timed fit's batches: enough to average out one slow step. */
const TIMED_BATCHES = 8;
/**
 * A timed fit shorter than this is doubled and timed again. fit() costs some milliseconds of its own per call
 * (callbacks, history, a read-back per batch); the app trains an epoch per fit, tens of batches, so a small model's
 * 8-batch fit measured that cost, not the backend: the Playground's 2-8-8-2 MLP calibrated at 136 samples/s on cpu
 * and 214 on wasm (load ~13) while training at 1,474 – 2,090 on both.
 */
const MIN_TIMED_MS = 250;
/** The longest timed fit, in rows of random data (bounded memory for wide inputs and big batches). */
const MAX_TIMED_ROWS = 4096;
/** Untimed first batches: kernel set-up, WebGL shader compiles. */
const WARM_UP_BATCHES = 2;

export interface BackendMeasurement {
  backend: BackendChoice;
  samplesPerSecond?: number;
  /** Why the backend cannot train this model here (it did not start, or a kernel is missing). */
  unsupported?: string;
}

export interface Calibration {
  best: BackendChoice;
  measurements: BackendMeasurement[];
  measuredAt: number;
}

export type MeasureBackend = (
  backend: BackendChoice,
  config: ModelConfig,
  inputDim: number,
  outputs: number,
) => Promise<BackendMeasurement>;

/**
 * What makes one measurement apply to another run: the network's size, its batch, and the machine's setup (cores,
 * isolation, which decides whether wasm may use threads, and Settings' count of them).
 */
export function calibrationShape(config: ModelConfig, inputDim: number, outputs: number): string {
  const cores = globalThis.navigator?.hardwareConcurrency ?? 1;
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  const threads = isolated ? `, wasm threads ${wasmThreadsWanted() ?? 'tfjs'}` : '';
  return `mlp ${[inputDim, ...config.hiddenLayers, outputs].join('-')} ${config.activation} batch ${config.batchSize}; ${cores} cores${isolated ? ', isolated' : ''}${threads}`;
}

/**
 * Trains `config`'s model on random data on `backend`: warm-up batches (kernels, shaders), then timed fits of
 * doubling length until one lasts MIN_TIMED_MS, whose rate is the backend's.
 */
export async function measureBackend(
  backend: BackendChoice,
  config: ModelConfig,
  inputDim: number,
  outputs: number,
): Promise<BackendMeasurement> {
  try {
    await useBackend(backend, config, inputDim);
  } catch {
    return { backend, unsupported: 'could not start in this browser' };
  }
  const model = buildModel(tf, config, inputDim, 'classification', outputs);
  /** Seconds to fit `batches` batches of random data. */
  const fit = async (batches: number) => {
    const rows = batches * config.batchSize;
    const x = tf.randomUniform([rows, inputDim], -1, 1, 'float32', 1);
    const y = tf.tidy(() => tf.oneHot(tf.randomUniform([rows], 0, outputs, 'int32', 2), outputs));
    try {
      const started = performance.now();
      await model.fit(x, y, { batchSize: config.batchSize, epochs: 1, shuffle: false, verbose: 0 });
      return (performance.now() - started) / 1000;
    } finally {
      tf.dispose([x, y]);
    }
  };
  try {
    await fit(WARM_UP_BATCHES);
    const maxBatches = Math.max(TIMED_BATCHES, Math.floor(MAX_TIMED_ROWS / config.batchSize));
    let batches = TIMED_BATCHES;
    let seconds = await fit(batches);
    while (seconds * 1000 < MIN_TIMED_MS && batches * 2 <= maxBatches) {
      batches *= 2;
      seconds = await fit(batches);
    }
    return { backend, samplesPerSecond: (batches * config.batchSize) / seconds };
  } catch (error) {
    return { backend, unsupported: errorMessage(error) };
  } finally {
    model.dispose();
  }
}

function describe(calibration: Calibration): string {
  const parts = calibration.measurements.map((m) =>
    m.samplesPerSecond !== undefined
      ? `${m.backend} ${Math.round(m.samplesPerSecond).toLocaleString('en-US')} samples/s`
      : `${m.backend}: ${m.unsupported}`,
  );
  const when = new Date(calibration.measuredAt).toISOString().slice(0, 16).replace('T', ' ');
  return `auto picked ${calibration.best}, the fastest that trains this model here (${parts.join('; ')}; measured ${when} UTC for this model shape)`;
}

/** Measures every backend on this model shape and caches the result; returns it. */
export async function calibrate(
  tracking: TrackingClient,
  config: ModelConfig,
  inputDim: number,
  outputs: number,
  measure: MeasureBackend = measureBackend,
): Promise<Calibration> {
  const measurements: BackendMeasurement[] = [];
  for (const backend of CANDIDATES) measurements.push(await measure(backend, config, inputDim, outputs));
  const usable = measurements.filter((m) => m.samplesPerSecond !== undefined);
  if (usable.length === 0)
    throw new Error(
      `No backend could train this model here: ${measurements.map((m) => `${m.backend}: ${m.unsupported}`).join('; ')}.`,
    );
  const best = usable.reduce((a, b) => (b.samplesPerSecond! > a.samplesPerSecond! ? b : a)).backend;
  const calibration: Calibration = { best, measurements, measuredAt: Date.now() };
  // Read just before writing: another worker may have cached other shapes meanwhile.
  const latest = (await tracking.getPreference<Record<string, Calibration>>(CALIBRATION_PREFERENCE)) ?? {};
  await tracking.setPreference(CALIBRATION_PREFERENCE, {
    ...latest,
    [calibrationShape(config, inputDim, outputs)]: calibration,
  });
  return calibration;
}

export interface AutoChoice {
  name: string;
  reason: string;
  /**
   * Set when this shape was not measured yet: measures it, for the next run. Measuring switches backends, so the
   * caller runs it when no training is using tfjs.
   */
  calibrateLater?: () => Promise<void>;
}

/**
 * Switches to the backend for an `auto` model: the measured fastest for its shape when measured before, else the
 * choice by model size (measuring first would keep the person waiting several seconds on a busy machine).
 */
export async function useAutoBackend(
  tracking: TrackingClient,
  config: ModelConfig,
  inputDim: number,
  outputs: number,
): Promise<AutoChoice> {
  const cache = (await tracking.getPreference<Record<string, Calibration>>(CALIBRATION_PREFERENCE)) ?? {};
  const shape = calibrationShape(config, inputDim, outputs);
  const calibration = Object.hasOwn(cache, shape) ? cache[shape] : undefined;
  if (calibration) return { name: await useBackend(calibration.best, config, inputDim), reason: describe(calibration) };
  const name = await useBackend('auto', config, inputDim);
  return {
    name,
    reason: `auto picked ${name} by model size: this model shape is not measured on this machine yet (it is measured after this run, for the next)`,
    calibrateLater: async () => {
      await calibrate(tracking, config, inputDim, outputs);
    },
  };
}
