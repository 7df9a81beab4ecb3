import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/ml/build-model';
import { generateDataset } from '../../../src/ml/generators';
import { DEFAULT_MODEL_CONFIG } from '../../../src/ml/model-config';
import { decodeReplay, REPLAY_DATA_PATH, REPLAY_HEADER_PATH } from '../../../src/ml/replay-format';
import { pictureMaker, ReplayBudget, TrainingPictures, type PictureMaker } from '../../../workers/train-pictures';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const EPOCHS = 20;
/** What a stacked epoch takes on the injected clock, and what one snapshot takes. */
const EPOCH_MS = 100;
const CAPTURE_MS = 10;

/**
 * `members` trainings drawing on one clock, epoch after epoch as a gang runs them: the epoch's training time
 * passes, then every member's afterEpoch runs (concurrently, as the gang calls them). Each capture is a real
 * picture and network frame; only the clock is injected, moving on CAPTURE_MS per picture. Resolves with each
 * member's replay epochs and the clock time all snapshots took.
 */
async function snapshotEpochs(members: number, shared: boolean): Promise<{ epochs: number[][]; captureMs: number }> {
  let clock = 0;
  let captureMs = 0;
  const now = () => clock;
  const data = generateDataset('spiral', { numPoints: 60, noise: 0, seed: 2 });
  const real = pictureMaker(data)!;
  const picture: PictureMaker = (...args) => {
    clock += CAPTURE_MS;
    captureMs += CAPTURE_MS;
    return real(...args);
  };
  const gangBudget = new ReplayBudget(members, now);
  const models = Array.from({ length: members }, () =>
    buildModel(tf, { ...DEFAULT_MODEL_CONFIG, epochs: EPOCHS }, 2, 'classification', 2),
  );
  const pictures = models.map(
    (model) =>
      new TrainingPictures(
        tf,
        model,
        data,
        [],
        picture,
        false,
        undefined,
        250,
        shared ? gangBudget : new ReplayBudget(1, now),
      ),
  );
  await Promise.all(pictures.map((p) => p.start()));
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    clock += EPOCH_MS;
    await Promise.all(pictures.map((p) => p.afterEpoch(epoch, epoch === EPOCHS - 1)));
  }
  const epochs = await Promise.all(
    pictures.map(async (p) => {
      const files = new Map<string, string | Uint8Array>();
      await p.recording!.save(async (path, bytes) => void files.set(path, bytes));
      return decodeReplay(files.get(REPLAY_HEADER_PATH) as string, files.get(REPLAY_DATA_PATH) as Uint8Array).header
        .snapshots;
    }),
  );
  models.forEach((m) => m.dispose());
  return { epochs, captureMs };
}

describe('the replay budget (snapshots ≤ ~2.5 % of training time)', () => {
  it('spaces a training alone by 40 times its snapshot cost in training time, epoch 0 and the last kept', async () => {
    const { epochs } = await snapshotEpochs(1, false);
    // 40 × 10 ms = 400 ms of training = every 4th epoch.
    expect(epochs).toEqual([[0, 4, 8, 12, 16, 20]]);
  });

  it("gives a gang's members one budget: all their snapshots together stay within it", async () => {
    const members = 4;
    const { epochs, captureMs } = await snapshotEpochs(members, true);
    // Each member spaces its snapshots 4 × 400 ms of training apart: epochs 16 and the forced 0 and 20.
    expect(epochs).toEqual(Array.from({ length: members }, () => [0, 16, 20]));
    // Beyond the forced first and last snapshots, 4 × 10 ms in 2,000 ms of training: 2 %.
    const optional = captureMs - 2 * members * CAPTURE_MS;
    expect(optional / (EPOCHS * EPOCH_MS)).toBeLessThanOrEqual(0.025);
  });
});
