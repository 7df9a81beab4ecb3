/**
 * Playground-style input features. A model's `inputFeatures` lists, in order, the columns it sees: a raw column
 * of the dataset by name, or one of the derived features computed from the columns named "x" and "y". The ids
 * are the Playground's URL keys (xSquared, xTimesY, sinX...), so a Playground link's feature set reads the same.
 * An empty list means "the dataset's own columns, unchanged".
 */
import type { Dataset } from './dataset';

export type DerivedFeature = 'xSquared' | 'ySquared' | 'xTimesY' | 'sinX' | 'sinY';

const DERIVED: Record<DerivedFeature, { needs: string[]; compute: (x: number, y: number) => number }> = {
  xSquared: { needs: ['x'], compute: (x) => x * x },
  ySquared: { needs: ['y'], compute: (_, y) => y * y },
  xTimesY: { needs: ['x', 'y'], compute: (x, y) => x * y },
  sinX: { needs: ['x'], compute: (x) => Math.sin(x) },
  sinY: { needs: ['y'], compute: (_, y) => Math.sin(y) },
};

export const DERIVED_FEATURES = Object.keys(DERIVED) as DerivedFeature[];

/** Labels for the UI, in the Playground's notation. */
export const FEATURE_LABELS: Record<DerivedFeature | 'x' | 'y', string> = {
  x: 'X₁',
  y: 'X₂',
  xSquared: 'X₁²',
  ySquared: 'X₂²',
  xTimesY: 'X₁X₂',
  sinX: 'sin(X₁)',
  sinY: 'sin(X₂)',
};

function isDerived(name: string): name is DerivedFeature {
  return Object.hasOwn(DERIVED, name);
}

/** Computes one chosen feature of row `r` from a row-major matrix with d raw columns. */
type FeatureReader = (x: Float32Array, d: number, r: number) => number;

/** Resolves each chosen feature against the raw column names once, so per-row work is a plain function call. */
function compile(featureNames: readonly string[], chosen: readonly string[]): FeatureReader[] {
  const seen = new Set<string>();
  return chosen.map((name) => {
    if (seen.has(name)) throw new Error(`Input feature "${name}" is listed twice.`);
    seen.add(name);
    const raw = featureNames.indexOf(name);
    if (raw >= 0) return (x, d, r) => x[r * d + raw];
    if (!isDerived(name)) {
      throw new Error(
        `Unknown input feature "${name}": it is not a column (${featureNames.join(', ')}) ` +
          `and not one of ${DERIVED_FEATURES.join(', ')}.`,
      );
    }
    const { needs, compute } = DERIVED[name];
    const missing = needs.find((col) => !featureNames.includes(col));
    if (missing) throw new Error(`Input feature "${name}" needs a column named "${missing}".`);
    const ix = featureNames.indexOf('x');
    const iy = featureNames.indexOf('y');
    return (x, d, r) => compute(ix >= 0 ? x[r * d + ix] : 0, iy >= 0 ? x[r * d + iy] : 0);
  });
}

/** Throws, in words, when `chosen` cannot be computed from columns named `featureNames`. */
export function checkInputFeatures(featureNames: readonly string[], chosen: readonly string[]): void {
  compile(featureNames, chosen);
}

/** Expands a row-major matrix whose columns are `featureNames` into the `chosen` features. */
export function expandMatrix(
  x: Float32Array,
  featureNames: readonly string[],
  chosen: readonly string[],
): Float32Array {
  if (chosen.length === 0) return x;
  const readers = compile(featureNames, chosen);
  const d = featureNames.length;
  const n = x.length / d;
  const k = readers.length;
  const out = new Float32Array(n * k);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < k; j++) out[r * k + j] = readers[j](x, d, r);
  }
  return out;
}

/** The dataset with its features replaced by the `chosen` ones (unchanged when `chosen` is empty). */
export function expandFeatures(ds: Dataset, chosen: readonly string[]): Dataset {
  if (chosen.length === 0) return ds;
  return { ...ds, featureNames: [...chosen], x: expandMatrix(ds.x, ds.featureNames, chosen) };
}
