/**
 * The convolutional front of an image CNN (see image-model-config.ts): the flat pixel row reshaped back into
 * height × width × channels, then per entry of `filters` a same-padded convolution and a 2 × 2 pooling, then
 * flattened for the dense layers build-model.ts adds after it. Rows stay flat everywhere else (tensors,
 * predictions, stored models' signatures), so only the model knows it sees pictures.
 */
import type { ImageShape } from './dataset';
import { cnnFields, type ImageModelFields } from './image-model-config';
import type { Activation } from './model-config';
import { deriveSeed } from './random';
import type { Sequential, Tf } from './tf-types';

/** Seed indices of convolution kernels start here, apart from the dense layers' 0, 1, 2… */
const CONV_SEED_OFFSET = 100;

export function addConvolutionBlocks(
  tf: Tf,
  model: Sequential,
  config: ImageModelFields & { activation: Activation; seed: number; weightsStream: number },
  inputDim: number,
  image: ImageShape | undefined,
): void {
  if (!image) throw new Error('A CNN needs image data: choose Digits or an image folder, or the MLP model type.');
  const { width, height, channels } = image;
  if (width * height * channels !== inputDim) {
    throw new Error(`The images are ${width} × ${height} × ${channels} but the rows hold ${inputDim} values.`);
  }
  const { filters, kernelSize, pooling } = cnnFields(config);
  model.add(tf.layers.reshape({ targetShape: [height, width, channels], inputShape: [inputDim] }));
  let side = Math.min(width, height);
  filters.forEach((count, i) => {
    model.add(
      tf.layers.conv2d({
        filters: count,
        kernelSize,
        padding: 'same',
        activation: config.activation,
        kernelInitializer: tf.initializers.glorotUniform({
          seed: deriveSeed(config.seed, config.weightsStream, CONV_SEED_OFFSET + i),
        }),
        biasInitializer: 'zeros',
      }),
    );
    // Pooling stops once the picture is down to 1 pixel, so a deep stack on small images still builds.
    if (pooling !== 'none' && side >= 2) {
      model.add(
        pooling === 'max' ? tf.layers.maxPooling2d({ poolSize: 2 }) : tf.layers.averagePooling2d({ poolSize: 2 }),
      );
      side = Math.floor(side / 2);
    }
  });
  model.add(tf.layers.flatten());
}
