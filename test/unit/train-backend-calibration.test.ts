import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_CONFIG, type ModelConfig } from '../../src/ml/model-config';
import { openTracking } from '../../src/tracking';
import { CALIBRATION_PREFERENCE, measureBackend, useMeasuredBackend, type Calibration, type MeasureBackend } from '../../workers/backend-calibration';
import { freshTracking } from './helpers';

afterAll(async () => {
  await tf.setBackend('cpu');
});

const config: ModelConfig = { ...DEFAULT_MODEL_CONFIG, backend: 'auto' };

/** The real measurement, counted. */
function countedMeasure(): { measure: MeasureBackend; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    measure: (backend, ...rest) => {
      calls.push(backend);
      return measureBackend(backend, ...rest);
    },
  };
}

describe('auto backend by measurement', () => {
  it('measures every backend once per model shape, picks the fastest that trains, and caches it in preferences', async () => {
    const dbName = `calibration-${Date.now()}-${Math.random()}`;
    const tracking = await freshTracking({ dbName });
    const { measure, calls } = countedMeasure();

    const first = await useMeasuredBackend(tracking, config, 2, 2, measure);
    expect(calls).toEqual(['cpu', 'wasm', 'webgl']);
    // Node has no WebGL: measured as unable to start, and said so in the reason.
    expect(first.reason).toMatch(/^auto picked \w+, the fastest that trains this model here \(cpu [\d,]+ samples\/s; .*webgl: could not start in this browser; measured now/);
    expect(tf.getBackend()).toBe(first.name);
    const stored = await tracking.getPreference<Record<string, Calibration>>(CALIBRATION_PREFERENCE);
    const [entry] = Object.values(stored!);
    expect(entry.best).toBe(first.name);
    const fastest = entry.measurements.filter((m) => m.samplesPerSecond !== undefined).sort((a, b) => b.samplesPerSecond! - a.samplesPerSecond!)[0];
    expect(fastest.backend).toBe(first.name);

    // The same shape again, from another client on the same database (another worker, a later visit): no measuring.
    tracking.close();
    const reopened = await openTracking({ dbName });
    const again = await useMeasuredBackend(reopened, config, 2, 2, measure);
    expect(calls).toHaveLength(3);
    expect(again.name).toBe(first.name);
    expect(again.reason).toMatch(/measured \d{4}-\d\d-\d\d \d\d:\d\d UTC for this model shape\)$/);

    // Another shape is measured on its own, and both stay cached.
    await useMeasuredBackend(reopened, { ...config, hiddenLayers: [32, 16] }, 2, 2, measure);
    expect(calls).toHaveLength(6);
    expect(Object.keys((await reopened.getPreference<Record<string, Calibration>>(CALIBRATION_PREFERENCE))!)).toHaveLength(2);
    reopened.close();
  }, 120_000);

  it('says in words when no backend can train the model', async () => {
    const tracking = await freshTracking();
    const none: MeasureBackend = async (backend) => ({ backend, unsupported: `no kernel for ${backend}` });
    await expect(useMeasuredBackend(tracking, config, 2, 2, none)).rejects.toThrow('No backend could train this model here: cpu: no kernel for cpu; wasm: no kernel for wasm; webgl: no kernel for webgl.');
    expect(await tracking.getPreference(CALIBRATION_PREFERENCE)).toBeUndefined();
  });
});
