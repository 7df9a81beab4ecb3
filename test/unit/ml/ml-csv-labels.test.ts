import { describe, expect, it } from 'vitest';
import { CsvError, MAX_TEXT_CLASSES, parseCsv } from '../../../src/ml/csv';

function errorOf(text: string, options = {}): CsvError {
  try {
    parseCsv(text, options);
  } catch (error) {
    if (error instanceof CsvError) return error;
    throw error;
  }
  throw new Error('parseCsv accepted the file');
}

describe('CSV text class labels', () => {
  it('reads a text target as classes named by their text, in alphabetical order', () => {
    const ds = parseCsv(
      'petal,width,species\n1.4,0.2,setosa\n4.7,1.4,versicolor\n5.1,1.9,virginica\n1.3,0.2, setosa \n',
      { name: 'iris.csv' },
    );
    expect(ds).toMatchObject({
      task: 'classification',
      numClasses: 3,
      classNames: ['setosa', 'versicolor', 'virginica'],
      classLabels: [0, 1, 2],
      featureNames: ['petal', 'width'],
    });
    expect(Array.from(ds.y)).toEqual([0, 1, 2, 0]);
  });

  it('keeps numbers as class names when the target mixes numbers and text', () => {
    const ds = parseCsv('x,label\n1,0\n2,1\n3,unknown\n');
    expect(ds.classNames).toEqual(['0', '1', 'unknown']);
    expect(Array.from(ds.y)).toEqual([0, 1, 2]);
  });

  it('keeps a numeric target as before, without class names', () => {
    const ds = parseCsv('x,label\n1,3\n2,5\n3,3\n');
    expect(ds.classLabels).toEqual([3, 5]);
    expect(ds.classNames).toBeUndefined();
  });

  it('says what to do with missing values, in the target and in features', () => {
    expect(errorOf('x,y\n1,a\n2,NA\n').message).toBe(
      'Row 3, column "y" has a missing value ("NA"): fill it in or remove the row (tabflow does not guess missing values).',
    );
    expect(errorOf('x,y\n?,a\n2,b\n').message).toBe(
      'Row 2, column "x" has a missing value ("?"): fill it in or remove the row (tabflow does not guess missing values).',
    );
    expect(errorOf('x,y\n1,a\n,b\n')).toMatchObject({ row: 3, column: 'x' });
  });

  it('refuses a text target for regression, one class only, and too many classes, naming the fix', () => {
    expect(errorOf('x,y\n1,a\n2,b\n', { task: 'regression' }).message).toBe(
      'Row 2, column "y": "a" is text, so this column can only be a class target; choose classification or another target column.',
    );
    expect(errorOf('x,y\n1,a\n2,a\n').message).toBe('Column "y" holds "a" in every row; there is nothing to learn.');
    const many = ['x,name', ...Array.from({ length: MAX_TEXT_CLASSES + 1 }, (_, i) => `${i},id${i}`)].join('\n');
    expect(errorOf(many).message).toBe(
      `Column "name" holds ${MAX_TEXT_CLASSES + 1} different texts; a class target can have at most ${MAX_TEXT_CLASSES}. Choose another target column.`,
    );
  });
});
