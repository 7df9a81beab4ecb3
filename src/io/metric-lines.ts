import { ImportError } from './errors';
import { formatPythonFloat } from './python-float';
import { parsePythonFloat } from './python-float';

/** A metric's history as MLflow's file store writes it: one "timestamp value step" line per point. */
export function formatMetricLines(history: { steps: ArrayLike<number>; values: ArrayLike<number>; timestamps: ArrayLike<number> }): string {
  const lines: string[] = [];
  for (let i = 0; i < history.values.length; i++) {
    lines.push(`${Math.trunc(history.timestamps[i])} ${formatPythonFloat(history.values[i])} ${Math.trunc(history.steps[i])}\n`);
  }
  return lines.join('');
}

const INTEGER = /^[+-]?\d+$/;

/**
 * Parses a metric file. Lines have three fields, or two in files from old MLflow versions (then the step is 0);
 * a line that does not parse rejects the import with the file and line number in the message.
 */
export function parseMetricLines(text: string, file: string): { steps: Float64Array; values: Float64Array; timestamps: Float64Array } {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const n = lines.length;
  const steps = new Float64Array(n);
  const values = new Float64Array(n);
  const timestamps = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const fields = lines[i].trim().split(' ');
    const bad = (why: string) => new ImportError('INVALID_CONTENT', `${file}, line ${i + 1}: ${why} (the line reads '${lines[i].slice(0, 80)}').`, file);
    if (fields.length !== 2 && fields.length !== 3) throw bad(`expected "timestamp value step", found ${fields.length} field(s)`);
    if (!INTEGER.test(fields[0])) throw bad(`the timestamp '${fields[0]}' is not a whole number`);
    const value = parsePythonFloat(fields[1]);
    if (value === null) throw bad(`the value '${fields[1]}' is not a number`);
    if (fields.length === 3 && !INTEGER.test(fields[2])) throw bad(`the step '${fields[2]}' is not a whole number`);
    const timestamp = Number(fields[0]);
    const step = fields.length === 3 ? Number(fields[2]) : 0;
    if (timestamp < 0 || !Number.isSafeInteger(timestamp)) throw bad(`the timestamp ${fields[0]} is out of range`);
    if (!Number.isSafeInteger(step)) throw bad(`the step ${fields[2]} is out of range`);
    timestamps[i] = timestamp;
    values[i] = value;
    steps[i] = step;
  }
  if (n === 0) throw new ImportError('INVALID_CONTENT', `${file}: the metric file is empty; MLflow treats a metric without data as malformed.`, file);
  return { steps, values, timestamps };
}
