import { describe, expect, it } from 'vitest';
import { sourceParams } from '../../../../src/ml/dataset-source';
import { DEFAULT_MODEL_CONFIG } from '../../../../src/ml/model-config';
import type { TrainRequest } from '../../../../src/ml/training-messages';
import { rerunHref } from '../../../../src/ui/playground/playground-link';
import { readState, requestState, stateQuery } from '../../../../src/ui/playground/playground-state';

const cnn = {
  ...DEFAULT_MODEL_CONFIG,
  hiddenLayers: [32],
  modelType: 'cnn' as const,
  filters: [4],
  kernelSize: 5,
  pooling: 'avg' as const,
  inputFeatures: [],
};

describe('image runs re-run from their params', () => {
  it('a digits CNN run: its params are a Playground link that rebuilds the same setup', () => {
    const request: TrainRequest = {
      source: { kind: 'digits', url: 'http://x/digits.bin', subset: 1500, testFraction: 0.25, seed: 4 },
      model: cnn,
    };
    const params = { ...sourceParams(request.source), ...Object.fromEntries(stateQuery(requestState(request))) };
    const { state, problems } = readState(new URLSearchParams(rerunHref(params).split('?')[1]));
    expect(problems).toEqual([]);
    expect(state.digits).toEqual({ subset: 1500 });
    expect(state.dataset).toMatchObject({ testFraction: 0.25, seed: 4 });
    expect(state.model).toEqual(cnn);
  });

  it('an image-folder run: the link names the folder and size, to be picked again', () => {
    const request: TrainRequest = {
      source: {
        kind: 'images',
        folderName: 'pets',
        source: 'folder',
        files: [],
        skipped: [],
        size: '32-color',
        testFraction: 0.2,
        seed: 3,
      },
      model: cnn,
    };
    const params = sourceParams(request.source);
    expect(params).toEqual({
      dataset_source: 'images',
      dataset_folder: 'pets',
      image_size: '32-color',
      dataset_test_fraction: '0.2',
      dataset_seed: '3',
    });
    const { state } = readState(stateQuery(requestState(request)));
    expect(state.images).toEqual({ folderName: 'pets', size: '32-color' });
    expect(state.dataset).toMatchObject({ testFraction: 0.2, seed: 3 });
  });
});
