import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_CONFIG, type ModelConfig } from '../../../src/ml/model-config';
import { openTracking } from '../../../src/tracking';
import {
  CALIBRATION_PREFERENCE,
  calibrate,
  measureBackend,
  useAutoBackend,
  type Calibration,
  type MeasureBackend,
} from '../../../workers/backend-calibration';
import { freshTracking } from '../helpers';

afterAll(async () => {
  await tf.setBackend('cpu');
});

const config: ModelConfig = { ...DEFAULT_MODEL_CONFIG, backend: 'auto' };
const stored = async (tracking: { getPreference: <T>(key: string) => Promise<T | undefined> }) =>
  (await tracking.getPreference<Record<string, Calibration>>(CALIBRATION_PREFERENCE)) ?? {};

describe('auto backend by measurement', () => {
  it('goes by model size until a shape is measured, then by the cached measurement, per shape, across clients', async () => {
    const dbName = `calibration-${Date.now()}-${Math.random()}`;
    const tracking = await freshTracking({ dbName });
    const calls: string[] = [];
    const counted: MeasureBackend = (backend, ...rest) => {
      calls.push(backend);
      return measureBackend(backend, ...rest);
    };

    const first = await useAutoBackend(tracking, config, 2, 2);
    expect(first.reason).toBe(
      `auto picked ${first.name} by model size: this model shape is not measured on this machine yet (it is measured after this run, for the next)`,
    );
    expect(first.calibrateLater).toBeTypeOf('function');

    // What calibrateLater does, with the real measurement counted.
    const calibration = await calibrate(tracking, config, 2, 2, counted);
    expect(calls).toEqual(['cpu', 'wasm', 'webgl']);
    // Node has no WebGL: measured as unable to start.
    expect(calibration.measurements.find((m) => m.backend === 'webgl')).toEqual({
      backend: 'webgl',
      unsupported: 'could not start in this browser',
    });
    const fastest = calibration.measurements
      .filter((m) => m.samplesPerSecond !== undefined)
      .sort((a, b) => b.samplesPerSecond! - a.samplesPerSecond!)[0];
    expect(calibration.best).toBe(fastest.backend);

    // Another client on the same database (another worker, a later visit) finds it: no measuring, the reason says what was measured.
    tracking.close();
    const reopened = await openTracking({ dbName });
    const again = await useAutoBackend(reopened, config, 2, 2);
    expect(again.calibrateLater).toBeUndefined();
    expect(again.name).toBe(calibration.best);
    expect(tf.getBackend()).toBe(calibration.best);
    expect(again.reason).toMatch(
      new RegExp(
        `^auto picked ${calibration.best}, the fastest that trains this model here \\(cpu [\\d,]+ samples/s; .*webgl: could not start in this browser; measured \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC for this model shape\\)$`,
      ),
    );

    // Another shape is not measured yet; measuring it keeps the first.
    const other = { ...config, hiddenLayers: [32, 16] };
    expect((await useAutoBackend(reopened, other, 2, 2)).calibrateLater).toBeTypeOf('function');
    await calibrate(reopened, other, 2, 2);
    expect(Object.keys(await stored(reopened))).toHaveLength(2);
    reopened.close();
  }, 120_000);

  it('says in words when no backend can train the model, and caches nothing', async () => {
    const tracking = await freshTracking();
    const none: MeasureBackend = async (backend) => ({ backend, unsupported: `no kernel for ${backend}` });
    await expect(calibrate(tracking, config, 2, 2, none)).rejects.toThrow(
      'No backend could train this model here: cpu: no kernel for cpu; wasm: no kernel for wasm; webgl: no kernel for webgl.',
    );
    expect(await stored(tracking)).toEqual({});
  });
});
