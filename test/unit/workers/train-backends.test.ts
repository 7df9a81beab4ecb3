import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_CONFIG } from '../../../src/ml/model-config';
import { useBackend } from '../../../workers/backends';

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('useBackend', () => {
  it('uses an explicitly chosen backend that works', async () => {
    expect(await useBackend('cpu', DEFAULT_MODEL_CONFIG, 2)).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });

  it('picks the plain JavaScript backend for the small MLPs of the Playground', async () => {
    expect(await useBackend('auto', DEFAULT_MODEL_CONFIG, 2)).toBe('cpu');
  });

  it('refuses, in words, an explicitly chosen backend that cannot start instead of swapping it', async () => {
    // Node has no WebGL.
    await expect(useBackend('webgl', DEFAULT_MODEL_CONFIG, 2)).rejects.toThrow(
      /webgl backend could not start.*cpu always works/,
    );
  });
});
