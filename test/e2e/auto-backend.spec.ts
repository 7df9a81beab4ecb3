import { DEFAULT_MODEL_CONFIG } from '../../src/ml/model-config';
import type { TrainRequest } from '../../src/ml/training-messages';
import { expect, openApp, test } from './fixtures';

test('auto measures the backends once for a model shape, trains on the fastest, and tags the run with why', async ({ page }) => {
  await openApp(page);
  const request: TrainRequest = {
    runName: 'auto-backend',
    source: { kind: 'generated', config: { generator: 'spiral', numPoints: 200, noise: 0, testFraction: 0.25, seed: 3 } },
    model: { ...DEFAULT_MODEL_CONFIG, hiddenLayers: [32, 16], epochs: 2, backend: 'auto', inputFeatures: [] },
  };
  const trainTags = async () => {
    const outcome = await page.evaluate((r) => window.tabflow!.training!.train(new AbortController().signal, r, () => {}), request);
    expect(outcome, outcome.error).toMatchObject({ status: 'FINISHED' });
    return page.evaluate(async (id) => (await window.tabflow!.tracking.getRun(id)).data.tags, outcome.runId);
  };

  const first = await trainTags();
  const backend = first['tabflow.backend'];
  expect(['cpu', 'wasm', 'webgl']).toContain(backend);
  expect(first['tabflow.backend_reason']).toMatch(new RegExp(`^auto picked ${backend}, the fastest that trains this model here \\(.*cpu [\\d,]+ samples/s.*; measured now for this model shape\\)$`));

  const second = await trainTags();
  expect(second['tabflow.backend']).toBe(backend);
  expect(second['tabflow.backend_reason']).toMatch(/; measured \d{4}-\d\d-\d\d \d\d:\d\d UTC for this model shape\)$/);
});
