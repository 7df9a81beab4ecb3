import { describe, expect, it } from 'vitest';
import { parseConfusionFile } from '../../../src/ml/confusion-file';

describe('parseConfusionFile', () => {
  it('reads labels (text or numbers, as text), the matrix and the split', () => {
    expect(parseConfusionFile('{"split":"test","labels":["cat","dog"],"matrix":[[3,1],[0,4]]}')).toEqual({
      labels: ['cat', 'dog'],
      matrix: [
        [3, 1],
        [0, 4],
      ],
      split: 'test',
    });
    expect(parseConfusionFile('{"labels":[3,5],"matrix":[[1,0],[0,1]]}').labels).toEqual(['3', '5']);
    expect(parseConfusionFile('{"matrix":[[1,0],[0,1]]}').labels).toEqual(['0', '1']);
  });

  it('refuses what cannot be drawn, saying why', () => {
    expect(() => parseConfusionFile('nope')).toThrow('confusion_matrix.json is not JSON.');
    expect(() => parseConfusionFile('{"matrix":[]}')).toThrow('has no matrix of 1 to 200 classes');
    expect(() => parseConfusionFile('{"matrix":[[1,2],[3]]}')).toThrow('matrix is not 2 × 2 counts');
    expect(() => parseConfusionFile('{"matrix":[[1,-2],[3,4]]}')).toThrow('matrix is not 2 × 2 counts');
  });
});
