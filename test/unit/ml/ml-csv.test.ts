import { describe, expect, it } from 'vitest';
import { CsvError, parseCsv, readCsvHeader } from '../../../src/ml/csv';
import { tokenizeCsv } from '../../../src/ml/csv-tokenize';

const iris = [
  'sepal_length,sepal_width,petal_width,species',
  '5.1,3.5,0.2,0',
  '7.0,3.2,1.4,1',
  '6.3,3.3,2.5,2',
  '4.9,3.0,0.2,0',
].join('\n');

function errorOf(text: string, options = {}): CsvError {
  try {
    parseCsv(text, options);
  } catch (error) {
    expect(error).toBeInstanceOf(CsvError);
    return error as CsvError;
  }
  throw new Error('parseCsv did not throw');
}

describe('tokenizeCsv', () => {
  it('handles quotes, doubled quotes, commas and newlines inside quotes, CRLF and a BOM', () => {
    const text = '\ufeffa,"b, with comma"\r\n"say ""hi""","two\nlines"\r\n,last\r\n';
    const { records, rows, problem } = tokenizeCsv(text);
    expect(problem).toBeUndefined();
    expect(records).toEqual([
      ['a', 'b, with comma'],
      ['say "hi"', 'two\nlines'],
      ['', 'last'],
    ]);
    expect(rows).toEqual([1, 2, 3]);
  });

  it('tolerates spaces around quoted fields', () => {
    expect(tokenizeCsv(' "a" ,\t"b"\n').records).toEqual([['a', 'b']]);
  });

  it('skips blank lines but keeps counting rows', () => {
    expect(tokenizeCsv('a,b\n\n1,2\n').rows).toEqual([1, 3]);
  });
});

describe('parseCsv', () => {
  it('reads numeric columns with the last one as the target by default', () => {
    const ds = parseCsv(iris, { name: 'iris.csv' });
    expect(ds.name).toBe('iris.csv');
    expect(ds.featureNames).toEqual(['sepal_length', 'sepal_width', 'petal_width']);
    expect(ds.targetName).toBe('species');
    expect(ds.task).toBe('classification');
    expect(ds.numClasses).toBe(3);
    expect(Array.from(ds.y)).toEqual([0, 1, 2, 0]);
    expect(ds.x[3]).toBeCloseTo(7.0);
    expect(ds.x).toHaveLength(12);
  });

  it('takes any column as the target and maps class values to indices', () => {
    const ds = parseCsv('a,label,b\n1,-1,2\n3,1,4\n5,-1,6\n', { target: 'label' });
    expect(ds.featureNames).toEqual(['a', 'b']);
    expect(Array.from(ds.x)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(ds.classLabels).toEqual([-1, 1]);
    expect(Array.from(ds.y)).toEqual([0, 1, 0]);
  });

  it('infers regression for fractional or all-distinct targets, and obeys a given task', () => {
    expect(parseCsv('x,y\n1,0.5\n2,1.5\n3,0.5\n').task).toBe('regression');
    expect(parseCsv('x,y\n1,10\n2,20\n3,30\n').task).toBe('regression');
    const forced = parseCsv('x,y\n1,0\n2,1\n3,0\n', { task: 'regression' });
    expect(forced.task).toBe('regression');
    expect(Array.from(forced.y)).toEqual([0, 1, 0]);
  });

  it('accepts quoted numbers, spaces, exponents and a missing final newline', () => {
    const ds = parseCsv('"x" , y\n " 1e-3 ",-2\n+.5,3', { target: 'y' });
    expect(ds.featureNames).toEqual(['x']);
    expect(ds.x[0]).toBeCloseTo(0.001);
    expect(ds.x[1]).toBeCloseTo(0.5);
  });

  it('reads the header alone for choosing a target', () => {
    expect(readCsvHeader(iris)).toEqual(['sepal_length', 'sepal_width', 'petal_width', 'species']);
  });

  it.each([
    [
      'a non-number',
      iris.replace('6.3,3.3,2.5,2', '6.3,3.3,abc,2'),
      {},
      'Row 4, column "petal_width": "abc" is not a number.',
      4,
      'petal_width',
    ],
    ['a hex number', 'x,y\n1,2\n0x1f,3\n', {}, 'Row 3, column "x": "0x1f" is not a number.', 3, 'x'],
    ['Infinity', 'x,y\n1,2\nInfinity,3\n', {}, 'Row 3, column "x": "Infinity" is not a number.', 3, 'x'],
    [
      'an empty field',
      'x,y\n1,2\n3,\n',
      {},
      'Row 3, column "y" is empty: fill it in or remove the row (tabflow does not guess missing values).',
      3,
      'y',
    ],
    [
      'a short row',
      'x,y,z\n1,2,3\n4,5\n',
      {},
      'Row 3 has 2 fields but the header has 3 columns: column "z" is missing.',
      3,
      'z',
    ],
    [
      'a long row',
      'x,y\n1,2\n3,4,5\n',
      {},
      'Row 3 has 3 fields but the header has 2 columns: there are extra fields after column "y".',
      3,
      'y',
    ],
    ['an unclosed quote', 'x,y\n1,2\n3,"4\n', {}, 'Row 3, column "y": a quoted field is never closed.', 3, 'y'],
    [
      'text after a quote',
      'x,y\n1,2\n"3"a,4\n',
      {},
      'Row 3, column "x": unexpected "a" after a closing quote.',
      3,
      'x',
    ],
    [
      'an unknown target',
      'x,y\n1,2\n3,4\n',
      { target: 'z' },
      'Row 1 (the header) has no column "z"; the columns are "x", "y".',
      1,
      'z',
    ],
    [
      'a header of numbers',
      '1,2\n3,4\n5,6\n',
      {},
      'Row 1 should be a header of column names, but it holds only numbers (column 1 is "1").',
      1,
      null,
    ],
    ['an empty column name', 'x,,y\n1,2,3\n4,5,6\n', {}, 'Row 1, column 2: the column name is empty.', 1, null],
    ['a repeated column name', 'x,y,x\n1,2,3\n4,5,6\n', {}, 'Row 1, column 3: the name "x" is also column 1.', 1, 'x'],
    [
      'a single column',
      'y\n1\n2\n',
      {},
      'Row 1 (the header) has only the column "y"; a dataset needs a target and at least one feature column.',
      1,
      'y',
    ],
    [
      'one data row',
      'x,y\n1,2\n',
      {},
      'The file has only one data row (row 2) after the header; at least 2 are needed.',
      2,
      null,
    ],
    ['no data rows', 'x,y\n', {}, 'The file has no data rows after the header; at least 2 are needed.', null, null],
    [
      'a constant target',
      'x,y\n1,2\n3,2\n',
      {},
      'Column "y" holds 2 in every row; there is nothing to learn.',
      null,
      'y',
    ],
  ])('rejects %s, naming row and column', (_, text, options, message, row, column) => {
    const error = errorOf(text, options);
    expect(error.message).toBe(message);
    expect(error.row).toBe(row);
    expect(error.column).toBe(column);
  });

  it('rejects an empty file', () => {
    expect(errorOf('').message).toBe('The file is empty.');
    expect(errorOf('\ufeff\n\n').message).toBe('The file is empty.');
    expect(() => readCsvHeader('')).toThrow('The file is empty.');
  });

  it('counts a quoted multi-line field as one row', () => {
    expect(errorOf('x,y\n"1\nz",2\n3,4\n').message).toBe('Row 2, column "x": "1\nz" is not a number.');
    expect(errorOf('x,y\n"1\n",2\noops,4\n').message).toBe('Row 3, column "x": "oops" is not a number.');
  });
});
