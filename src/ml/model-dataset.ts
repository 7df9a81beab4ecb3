/**
 * The data a stored model is evaluated or drawn on: a freshly generated (seeded) dataset or an uploaded CSV,
 * checked against the model's signature and put in its column order and class numbering. Every mismatch is
 * explained in words, naming the columns or values at fault.
 */
import { parseCsv, readCsvHeader } from './csv';
import { numFeatures, numRows, type Dataset } from './dataset';
import { generateDataset, type GeneratorName } from './generators';
import { classNamesOf, type ModelSignature } from './model-signature';

export type DatasetChoice =
  | { kind: 'generated'; generator: GeneratorName; numPoints: number; noise: number; seed: number; numClasses?: number }
  | { kind: 'csv'; fileName: string; text: string };

const quoted = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ');

function describeModel(s: ModelSignature): string {
  return s.task === 'regression'
    ? 'a regression model'
    : `a classifier of ${s.numClasses} classes (${classNamesOf(s).join(', ')})`;
}

/** The dataset with its feature columns reordered to `names`; throws naming the columns it lacks. */
function pickColumns(ds: Dataset, names: readonly string[], what: string): Dataset {
  const missing = names.filter((n) => !ds.featureNames.includes(n));
  if (missing.length > 0) {
    throw new Error(
      `The model reads the columns ${quoted(names)}, but ${what} has no ${quoted(missing)} (its features are ${quoted(ds.featureNames)}).`,
    );
  }
  if (names.every((n, i) => ds.featureNames[i] === n) && names.length === numFeatures(ds)) return ds;
  const d = numFeatures(ds);
  const n = numRows(ds);
  const source = names.map((name) => ds.featureNames.indexOf(name));
  const x = new Float32Array(n * names.length);
  for (let r = 0; r < n; r++) source.forEach((c, j) => (x[r * names.length + j] = ds.x[r * d + c]));
  return { ...ds, featureNames: [...names], x };
}

/**
 * Renumbers the dataset's classes to the model's: class i of the model is named classNamesOf(signature)[i].
 * Classes match by name, so a text target ("setosa") finds its class whatever order the file lists them in.
 */
function toModelClasses(ds: Dataset, s: ModelSignature, what: string): Dataset {
  const y = renumberByName(
    ds.y,
    ds.classNames ?? ds.classLabels.map(String),
    s,
    (unknown, known) =>
      new Error(
        `Column "${ds.targetName}" of ${what} holds ${unknown.join(', ')}, which the model never learned: it knows the classes ${known.join(', ')}.`,
      ),
  );
  return {
    ...ds,
    y,
    numClasses: s.numClasses,
    classLabels: [...s.classLabels],
    classNames: s.classNames && [...s.classNames],
  };
}

/**
 * Class indices `y` (into `dataNames`) renumbered to the model's classes of the same names; a class the model never
 * learned is refused with the caller's words (`unknownError(unknown names, the model's names)`).
 */
export function renumberByName(
  y: Float32Array,
  dataNames: readonly string[],
  s: ModelSignature,
  unknownError: (unknown: string[], known: string[]) => Error,
): Float32Array {
  const modelNames = classNamesOf(s);
  const unknown = dataNames.filter((name) => !modelNames.includes(name));
  if (unknown.length > 0) throw unknownError(unknown, modelNames);
  return Float32Array.from(y, (index) => modelNames.indexOf(dataNames[index]));
}

function checkTask(ds: Dataset, s: ModelSignature, what: string): void {
  if (ds.task !== s.task) {
    throw new Error(`The model is ${describeModel(s)}, but ${what} is a ${ds.task} dataset.`);
  }
}

export function datasetForModel(choice: DatasetChoice, signature: ModelSignature): Dataset {
  if (choice.kind === 'generated') {
    const { generator, numPoints, noise, seed, numClasses } = choice;
    const ds = generateDataset(generator, { numPoints, noise, seed, numClasses });
    const what = `the ${generator} dataset`;
    checkTask(ds, signature, what);
    const picked = pickColumns(ds, signature.featureNames, what);
    return signature.task === 'classification' ? toModelClasses(picked, signature, what) : picked;
  }
  const what = `"${choice.fileName}"`;
  const header = readCsvHeader(choice.text);
  if (!header.includes(signature.targetName)) {
    throw new Error(
      `To evaluate, ${what} needs the target column "${signature.targetName}" next to the features ${quoted(signature.featureNames)}; its columns are ${quoted(header)}.`,
    );
  }
  const ds = parseCsv(choice.text, { target: signature.targetName, task: signature.task, name: choice.fileName });
  const picked = pickColumns(ds, signature.featureNames, what);
  return signature.task === 'classification' ? toModelClasses(picked, signature, what) : picked;
}

export function datasetChoiceLabel(choice: DatasetChoice): string {
  return choice.kind === 'generated'
    ? `${choice.generator} (${choice.numPoints} points, noise ${choice.noise}, seed ${choice.seed})`
    : choice.fileName;
}
