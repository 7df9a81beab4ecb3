/**
 * The pictures an image model (digits MLP or CNN, image-folder models) is evaluated on, checked against the model:
 * the Digits test split rebuilt from the training run's own recipe (same subset, fraction and seed, so exactly
 * the images the run held out), or an uploaded folder decoded at the size the model reads, its classes matched to
 * the model's by name. Every mismatch is refused in words before any run exists.
 */
import type { Dataset } from '../../src/ml/dataset';
import {
  DIGIT_CLASS_NAMES,
  DIGIT_PIXELS,
  digitsConfigToParams,
  isDigitsParams,
  paramsToDigitsConfig,
} from '../../src/ml/digits';
import { describeImageDataset, imageSetToDataset, pixelsPerImage } from '../../src/ml/image-dataset';
import {
  FOLDER_PARAM_KEYS,
  FOLDER_SOURCE,
  IMAGE_SIZES,
  isImageSizeKey,
  type ImageSizeKey,
} from '../../src/ml/image-folder';
import { renumberByName } from '../../src/ml/model-dataset';
import { classNamesOf, type ModelSignature } from '../../src/ml/model-signature';
import type { Params } from '../../src/ml/param-codec';
import type { ImageEvaluationChoice } from '../../src/ml/predict-api';
import { prepareDigits, type ImageHooks } from '../image-training';
import type { EvaluationData } from './evaluate-run';

function sizeForModel(params: Params, inputDim: number): ImageSizeKey {
  const named = params[FOLDER_PARAM_KEYS.size];
  if (isImageSizeKey(named)) return named;
  const fitting = (Object.keys(IMAGE_SIZES) as ImageSizeKey[]).find(
    (key) => pixelsPerImage(IMAGE_SIZES[key]) === inputDim,
  );
  if (!fitting)
    throw new Error(
      `The model reads ${inputDim} values per row, which is no image size tabflow decodes; it cannot be evaluated on pictures.`,
    );
  return fitting;
}

/** The folder's classes renumbered to the model's; refuses a class the model never learned. */
function toModelClasses(ds: Dataset, signature: ModelSignature, folderName: string): Dataset {
  const y = renumberByName(
    ds.y,
    ds.image!.classNames,
    signature,
    (unknown, known) =>
      new Error(
        `“${folderName}” has the class folders ${unknown.map((n) => `"${n}"`).join(', ')}, which the model never learned: it knows ${known.join(', ')}. Rename or remove those folders.`,
      ),
  );
  return {
    ...ds,
    y,
    numClasses: signature.numClasses,
    classLabels: [...signature.classLabels],
    image: { ...ds.image!, classNames: classNamesOf(signature) },
  };
}

export async function imageEvaluationData(
  choice: ImageEvaluationChoice,
  signature: ModelSignature,
  trainingParams: Params,
  hooks: ImageHooks | undefined,
): Promise<EvaluationData> {
  const inputDim = signature.inputFeatures.length || signature.featureNames.length;
  if (signature.task !== 'classification')
    throw new Error('Only a classifier can be evaluated on pictures; this model predicts a value.');
  if (choice.kind === 'digits-test') {
    if (!isDigitsParams(trainingParams)) {
      throw new Error(
        'This model was not trained on Digits, so it has no Digits test split. Evaluate it on an uploaded image folder instead.',
      );
    }
    if (inputDim !== DIGIT_PIXELS || signature.numClasses !== DIGIT_CLASS_NAMES.length) {
      throw new Error(
        `The model reads ${inputDim} values into ${signature.numClasses} classes; Digits are 784 pixels into 10 classes.`,
      );
    }
    const config = paramsToDigitsConfig(trainingParams);
    if (config.testFraction === 0) {
      throw new Error(
        'The training run held out no test images (test fraction 0). Evaluate on an uploaded image folder instead.',
      );
    }
    const { split, sourceType, source } = await prepareDigits({ ...config, url: choice.url }, hooks);
    const ds = { ...split.test, name: 'mnist-digits-test' };
    return {
      ds,
      params: { ...digitsConfigToParams(config), dataset_split: 'test' },
      summary: describeImageDataset(ds),
      sourceType,
      source,
      label: `digits-test-seed${config.seed}`,
    };
  }
  const size = sizeForModel(trainingParams, inputDim);
  if (pixelsPerImage(IMAGE_SIZES[size]) !== inputDim) {
    throw new Error(`The model reads ${inputDim} values per row, but its run names the image size ${size}.`);
  }
  const { folder } = choice;
  if (!hooks?.decodeFolder) throw new Error('This worker cannot decode images.');
  // Every picture of the folder is evaluated: it is data the model has not seen, so nothing is held back.
  const { set } = await hooks.decodeFolder(folder, size);
  const ds = toModelClasses(imageSetToDataset(set), signature, folder.folderName);
  return {
    ds,
    params: {
      [FOLDER_PARAM_KEYS.source]: FOLDER_SOURCE,
      [FOLDER_PARAM_KEYS.folder]: folder.folderName,
      [FOLDER_PARAM_KEYS.size]: size,
    },
    summary: describeImageDataset(ds),
    sourceType: 'upload',
    source: folder.folderName,
    label: folder.folderName,
  };
}
