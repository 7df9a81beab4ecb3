/**
 * CSV text → Dataset. Every feature column must be numeric; the target is numbers (classes or a value to
 * predict) or text (class names such as "setosa", kept as the dataset's classNames). Each error names the row (a
 * spreadsheet's 1-based row number, the header being row 1) and the column, so a person can find it in their file.
 */
import type { Dataset, Task } from './dataset';
import { tokenizeCsv } from './csv-tokenize';

export interface CsvOptions {
  /** The target column's name; the last column when absent. */
  target?: string;
  /** Inferred when absent: classification when the target holds whole numbers with few distinct values. */
  task?: Task;
  /** The dataset's name (e.g. the file name); "csv" when absent. */
  name?: string;
}

/** A target with at most this many distinct whole numbers, some repeated, is taken for class labels. */
export const MAX_INFERRED_CLASSES = 20;

export class CsvError extends Error {
  readonly row: number | null;
  readonly column: string | null;
  constructor(message: string, row: number | null = null, column: string | null = null) {
    super(message);
    this.name = 'CsvError';
    this.row = row;
    this.column = column;
  }
}

/** A target of text can have at most this many classes (more is a name or id column, not a class). */
export const MAX_TEXT_CLASSES = 100;

/** What spreadsheets and R/pandas write for a missing value. */
const MISSING = /^(na|n\/a|nan|null|none|\?)$/i;

/** Plain decimal or scientific notation; Number() alone would also take "", "0x1f" and "Infinity". */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function quoteList(names: string[]): string {
  return names.map((name) => `"${name}"`).join(', ');
}

/** The column names of a CSV text, for a "pick the target column" control. Throws a CsvError like parseCsv. */
export function readCsvHeader(text: string): string[] {
  const { records, problem } = tokenizeCsv(text, 1);
  if (problem) throw new CsvError(`Row 1, column ${problem.field + 1}: ${problem.message}.`, 1);
  if (records.length === 0) throw new CsvError('The file is empty.');
  return checkHeader(records[0]);
}

function checkHeader(fields: string[]): string[] {
  const names = fields.map((field) => field.trim());
  if (names.every((name) => NUMBER.test(name))) {
    throw new CsvError(
      `Row 1 should be a header of column names, but it holds only numbers (column 1 is "${names[0]}").`,
      1,
    );
  }
  names.forEach((name, index) => {
    if (name === '') throw new CsvError(`Row 1, column ${index + 1}: the column name is empty.`, 1);
    const first = names.indexOf(name);
    if (first !== index) {
      throw new CsvError(`Row 1, column ${index + 1}: the name "${name}" is also column ${first + 1}.`, 1, name);
    }
  });
  return names;
}

export function parseCsv(text: string, options: CsvOptions = {}): Dataset {
  const { records, rows, problem } = tokenizeCsv(text);
  if (records.length === 0 && !problem) throw new CsvError('The file is empty.');
  const header = records.length > 0 ? checkHeader(records[0]) : [];
  if (problem) {
    const name = header[problem.field];
    const where = problem.row > 1 && name !== undefined ? `column "${name}"` : `column ${problem.field + 1}`;
    throw new CsvError(`Row ${problem.row}, ${where}: ${problem.message}.`, problem.row, name ?? null);
  }

  const target = options.target ?? header[header.length - 1];
  const targetIndex = header.indexOf(target);
  if (targetIndex < 0) {
    throw new CsvError(
      `Row 1 (the header) has no column "${target}"; the columns are ${quoteList(header)}.`,
      1,
      target,
    );
  }
  if (header.length < 2) {
    throw new CsvError(
      `Row 1 (the header) has only the column "${target}"; a dataset needs a target and at least one feature column.`,
      1,
      target,
    );
  }
  const numData = records.length - 1;
  if (numData < 2) {
    const found = numData === 0 ? 'no data rows' : `only one data row (row ${rows[1]})`;
    throw new CsvError(`The file has ${found} after the header; at least 2 are needed.`, rows[1] ?? null);
  }

  const d = header.length - 1;
  const featureNames = header.filter((_, c) => c !== targetIndex);
  const x = new Float32Array(numData * d);
  const targets: string[] = [];
  for (let r = 0; r < numData; r++) {
    const fields = records[r + 1];
    const row = rows[r + 1];
    if (fields.length !== header.length) throw raggedRow(row, fields.length, header);
    let k = 0;
    for (let c = 0; c < fields.length; c++) {
      if (c === targetIndex) targets.push(targetField(fields[c], row, target));
      else x[r * d + k++] = parseNumber(fields[c], row, header[c]);
    }
  }
  const name = options.name ?? 'csv';
  if (targets.every((text) => NUMBER.test(text))) {
    return toDataset(name, featureNames, target, x, Float64Array.from(targets, Number), options.task);
  }
  return textClasses(name, featureNames, target, x, targets, rows, options.task);
}

function missingValue(row: number, column: string, field: string): CsvError {
  const shown = field.trim() === '' ? 'is empty' : `has a missing value ("${field.trim()}")`;
  return new CsvError(
    `Row ${row}, column "${column}" ${shown}: fill it in or remove the row (tabflow does not guess missing values).`,
    row,
    column,
  );
}

/** The target field as text, trimmed; a missing value is an error there as anywhere. */
function targetField(field: string, row: number, column: string): string {
  const text = field.trim();
  if (text === '' || MISSING.test(text)) throw missingValue(row, column, field);
  return text;
}

/** A target holding text: each distinct text is a class, named by it, in alphabetical order. */
function textClasses(
  name: string,
  featureNames: string[],
  targetName: string,
  x: Float32Array,
  targets: string[],
  rows: number[],
  task: Task | undefined,
): Dataset {
  if (task === 'regression') {
    const at = targets.findIndex((text) => !NUMBER.test(text));
    throw new CsvError(
      `Row ${rows[at + 1]}, column "${targetName}": "${targets[at]}" is text, so this column can only be a class target; choose classification or another target column.`,
      rows[at + 1],
      targetName,
    );
  }
  const classNames = [...new Set(targets)].sort();
  if (classNames.length < 2)
    throw new CsvError(
      `Column "${targetName}" holds "${classNames[0]}" in every row; there is nothing to learn.`,
      null,
      targetName,
    );
  if (classNames.length > MAX_TEXT_CLASSES) {
    throw new CsvError(
      `Column "${targetName}" holds ${classNames.length} different texts; a class target can have at most ${MAX_TEXT_CLASSES}. Choose another target column.`,
      null,
      targetName,
    );
  }
  const classOf = new Map(classNames.map((text, index) => [text, index]));
  const y = Float32Array.from(targets, (text) => classOf.get(text)!);
  return {
    name,
    task: 'classification',
    featureNames,
    targetName,
    x,
    y,
    numClasses: classNames.length,
    classLabels: classNames.map((_, i) => i),
    classNames,
  };
}

function raggedRow(row: number, count: number, header: string[]): CsvError {
  const prefix = `Row ${row} has ${count} field${count === 1 ? '' : 's'} but the header has ${header.length} columns`;
  if (count < header.length) {
    const missing = header[count];
    return new CsvError(`${prefix}: column "${missing}" is missing.`, row, missing);
  }
  const last = header[header.length - 1];
  return new CsvError(`${prefix}: there are extra fields after column "${last}".`, row, last);
}

function parseNumber(field: string, row: number, column: string): number {
  const text = field.trim();
  if (text === '' || MISSING.test(text)) throw missingValue(row, column, field);
  if (!NUMBER.test(text))
    throw new CsvError(`Row ${row}, column "${column}": "${field}" is not a number.`, row, column);
  return Number(text);
}

function inferTask(distinct: number[], numData: number): Task {
  const wholeNumbers = distinct.every(Number.isInteger);
  return wholeNumbers && distinct.length <= MAX_INFERRED_CLASSES && distinct.length < numData
    ? 'classification'
    : 'regression';
}

function toDataset(
  name: string,
  featureNames: string[],
  targetName: string,
  x: Float32Array,
  values: Float64Array,
  givenTask: Task | undefined,
): Dataset {
  const distinct = [...new Set(values)].sort((a, b) => a - b);
  if (distinct.length < 2) {
    throw new CsvError(
      `Column "${targetName}" holds ${distinct[0]} in every row; there is nothing to learn.`,
      null,
      targetName,
    );
  }
  const task = givenTask ?? inferTask(distinct, values.length);
  if (task === 'regression') {
    return { name, task, featureNames, targetName, x, y: Float32Array.from(values), numClasses: 0, classLabels: [] };
  }
  const classOf = new Map(distinct.map((value, index) => [value, index]));
  const y = Float32Array.from(values, (value) => classOf.get(value)!);
  return { name, task, featureNames, targetName, x, y, numClasses: distinct.length, classLabels: distinct };
}
