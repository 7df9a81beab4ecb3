import { DEFAULT_MODEL_CONFIG } from '../../src/ml/model-config';
import type { TrainRequest } from '../../src/ml/training-messages';
import { expect, openApp, test } from './fixtures';

test('auto goes by size for a new model shape, measures it after the run, then trains on the fastest, tagging why', async ({
  page,
}) => {
  await openApp(page);
  const request: TrainRequest = {
    runName: 'auto-backend',
    source: {
      kind: 'generated',
      config: { generator: 'spiral', numPoints: 200, noise: 0, testFraction: 0.25, seed: 3 },
    },
    model: { ...DEFAULT_MODEL_CONFIG, hiddenLayers: [32, 16], epochs: 2, backend: 'auto', inputFeatures: [] },
  };
  const trainTags = async () => {
    const outcome = await page.evaluate(
      (r) => window.tabflow!.training!.train(new AbortController().signal, r, () => {}),
      request,
    );
    expect(outcome, outcome.error).toMatchObject({ status: 'FINISHED' });
    return page.evaluate(async (id) => (await window.tabflow!.tracking.getRun(id)).data.tags, outcome.runId);
  };

  // The first run of a shape goes by model size; the shape is measured after it, for the next run.
  const first = await trainTags();
  expect(first['tabflow.backend_reason']).toBe(
    `auto picked ${first['tabflow.backend']} by model size: this model shape is not measured on this machine yet (it is measured after this run, for the next)`,
  );

  const second = await trainTags();
  const backend = second['tabflow.backend'];
  expect(['cpu', 'wasm', 'webgl']).toContain(backend);
  expect(second['tabflow.backend_reason']).toMatch(
    new RegExp(
      `^auto picked ${backend}, the fastest that trains this model here \\(.*cpu [\\d,]+ samples/s.*; measured \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC for this model shape\\)$`,
    ),
  );
});
