/**
 * Reading a run's confusion_matrix.json (written by training and evaluation runs: `labels`, `matrix` with rows
 * the actual class and columns the predicted one, optional `split`) for the picture. The file may come from
 * someone else's zip, so it is checked before anything is drawn from it. DOM-free.
 */

export const CONFUSION_MATRIX_PATH = 'confusion_matrix.json';

/** Classes beyond this are not drawn as a grid (it would be unreadable); the file stays as it is. */
export const MAX_DRAWN_CLASSES = 200;

export interface ConfusionMatrixData {
  /** Each class's name, as the run named it (a CSV's text, an image class, or a number as text). */
  labels: string[];
  /** counts[actual][predicted]. */
  matrix: number[][];
  /** Which data it counts: 'test' or 'train' for training runs; absent for evaluation runs. */
  split?: string;
}

/** Parses and checks the file; throws an Error that says what is wrong with it. */
export function parseConfusionFile(text: string): ConfusionMatrixData {
  let value: { labels?: unknown; matrix?: unknown; split?: unknown };
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`${CONFUSION_MATRIX_PATH} is not JSON.`);
  }
  const { labels, matrix, split } = value ?? {};
  if (!Array.isArray(matrix) || matrix.length < 1 || matrix.length > MAX_DRAWN_CLASSES) {
    throw new Error(`${CONFUSION_MATRIX_PATH} has no matrix of 1 to ${MAX_DRAWN_CLASSES} classes to draw.`);
  }
  const n = matrix.length;
  const square = matrix.every(
    (row) =>
      Array.isArray(row) && row.length === n && row.every((c) => typeof c === 'number' && Number.isFinite(c) && c >= 0),
  );
  if (!square) throw new Error(`${CONFUSION_MATRIX_PATH}'s matrix is not ${n} × ${n} counts.`);
  const names =
    Array.isArray(labels) && labels.length === n && labels.every((l) => typeof l === 'string' || typeof l === 'number')
      ? labels.map(String)
      : Array.from({ length: n }, (_, i) => String(i));
  return { labels: names, matrix: matrix as number[][], ...(typeof split === 'string' ? { split } : {}) };
}
