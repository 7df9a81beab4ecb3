/**
 * Reading the feature columns a model needs from an uploaded CSV, for predictions: the file may hold more columns
 * (an id, the true label) in any order; missing columns and non-numbers are named with their row and column.
 */
import { CsvError } from './csv';
import { tokenizeCsv } from './csv-tokenize';

export interface FeatureRows {
  header: string[];
  /** Row-major, columns in the order of the requested feature names. */
  x: Float32Array;
  /** The file's row number of each data row (the header is row 1). */
  rows: number[];
  /** Every field of every data row, as written, for echoing the file back with predictions. */
  records: string[][];
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function readFeatureRows(text: string, featureNames: readonly string[]): FeatureRows {
  const { records, rows, problem } = tokenizeCsv(text);
  if (problem) throw new CsvError(`Row ${problem.row}, column ${problem.field + 1}: ${problem.message}.`, problem.row);
  if (records.length === 0) throw new CsvError('The file is empty.');
  const header = records[0].map((name) => name.trim());
  const missing = featureNames.filter((name) => !header.includes(name));
  if (missing.length > 0) {
    const quoted = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ');
    throw new CsvError(
      `The file has no column${missing.length > 1 ? 's' : ''} ${quoted(missing)}. The model needs the columns ${quoted(featureNames)}; the file's columns are ${quoted(header)}.`,
      1,
      missing[0],
    );
  }
  const data = records.slice(1);
  if (data.length === 0) throw new CsvError('The file has no data rows after the header.', 1);
  const indices = featureNames.map((name) => header.indexOf(name));
  const d = featureNames.length;
  const x = new Float32Array(data.length * d);
  data.forEach((fields, r) => {
    indices.forEach((c, j) => {
      const text = (fields[c] ?? '').trim();
      const row = rows[r + 1];
      if (text === '')
        throw new CsvError(
          `Row ${row}, column "${header[c]}" is empty; the model needs a number there.`,
          row,
          header[c],
        );
      if (!NUMBER.test(text))
        throw new CsvError(`Row ${row}, column "${header[c]}": "${text}" is not a number.`, row, header[c]);
      x[r * d + j] = Number(text);
    });
  });
  return { header, x, rows: rows.slice(1), records: data };
}
