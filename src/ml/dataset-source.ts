/**
 * What every kind of training data source (generated, shipped digits, uploaded CSV) logs and how it is told
 * apart, in one place, so pages, sweeps and the worker never branch on the kinds themselves.
 */
import { csvSourceParams } from './csv-params';
import { datasetConfigToParams } from './dataset-config';
import { digitsConfigToParams } from './digits';
import { folderSourceParams } from './image-folder';
import type { DatasetSource } from './training-messages';

/** The params a run logs for its data: enough to rebuild it, except a CSV's rows (its digest is logged instead). */
export function sourceParams(source: DatasetSource): Record<string, string> {
  switch (source.kind) {
    case 'generated':
      return datasetConfigToParams(source.config);
    case 'digits':
      return digitsConfigToParams(source);
    case 'images':
      return folderSourceParams(source.folderName, source.size, source.testFraction, source.seed);
    case 'csv':
      return csvSourceParams(source.fileName, source.dataset.targetName, source.testFraction, source.seed);
  }
}

/** The source as small plain data, without a CSV's rows or the digits file's address (for keys and sweep.json). */
export function describeSource(source: DatasetSource): unknown {
  switch (source.kind) {
    case 'generated':
      return source;
    case 'digits':
      return { kind: 'digits', subset: source.subset, testFraction: source.testFraction, seed: source.seed };
    case 'images':
      return {
        kind: 'images',
        folderName: source.folderName,
        files: source.files.length,
        size: source.size,
        testFraction: source.testFraction,
        seed: source.seed,
      };
    case 'csv':
      return {
        kind: 'csv',
        fileName: source.fileName,
        target: source.dataset.targetName,
        testFraction: source.testFraction,
        seed: source.seed,
      };
  }
}
