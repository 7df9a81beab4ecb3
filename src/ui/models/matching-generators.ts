import { GENERATOR_NAMES, generateDataset, type GeneratorName } from '../../ml/generators';
import type { ModelSignature } from '../../ml/model-signature';

/** The generators whose data a model can read: the same task and the same columns. */
export function matchingGenerators(signature: ModelSignature): GeneratorName[] {
  return GENERATOR_NAMES.filter((name) => {
    const sample = generateDataset(name, { numPoints: 2, noise: 0, seed: 0 });
    if (sample.task !== signature.task) return false;
    if (sample.task === 'classification' && name !== 'gauss' && sample.numClasses !== signature.numClasses)
      return false;
    return (
      signature.featureNames.every((f) => sample.featureNames.includes(f)) &&
      sample.featureNames.length === signature.featureNames.length
    );
  });
}
