import { describe, expect, it } from 'vitest';
import { importRuns, type DirectoryHandleLike } from '../../../src/io';
import { freshTracking } from '../helpers';
import { FIXTURE, readTree, zipOf } from '../io-helpers';

/** What the fixture's files say, counted straight from the folder. */
function expectedCounts(tree: Record<string, Uint8Array>) {
  const paths = Object.keys(tree);
  const runMetas = paths.filter((p) => /^[^/]+\/[0-9a-f]{32}\/meta\.yaml$/.test(p));
  const count = (kind: string) => paths.filter((p) => p.split('/')[2] === kind).length;
  const metricPoints = paths
    .filter((p) => p.split('/')[2] === 'metrics')
    .reduce((n, p) => n + new TextDecoder().decode(tree[p]).trim().split('\n').length, 0);
  return {
    experimentFolders: paths.filter((p) => /^[^/]+\/meta\.yaml$/.test(p)).length,
    // Default ('0') exists in every database, so only experiments holding runs count as imported.
    experimentsWithRuns: new Set(runMetas.map((p) => p.split('/')[0])).size,
    runs: runMetas.length,
    params: count('params'),
    metrics: count('metrics'),
    tags: count('tags'),
    artifacts: count('artifacts'),
    metricPoints,
  };
}

describe('import of a real MLflow 2.22 mlruns tree', () => {
  const tree = readTree(FIXTURE);
  const expected = expectedCounts(tree);

  for (const [label, prefix] of [
    ['with the mlruns/ level', 'mlruns/'],
    ['zipped from inside mlruns', ''],
  ] as const) {
    it(`matches the files' counts of experiments, runs, params, metrics and tags (${label})`, async () => {
      const files = Object.fromEntries(Object.entries(tree).map(([p, d]) => [`${prefix}${p}`, d]));
      const tracking = await freshTracking();
      const summary = await importRuns(tracking, zipOf(files));
      expect(expected.runs).toBeGreaterThan(0);
      expect(expected.experimentFolders).toBe(2);
      expect(summary).toMatchObject({
        experiments: expected.experimentsWithRuns,
        runs: expected.runs,
        metricPoints: expected.metricPoints,
        artifacts: expected.artifacts,
        skipped: [],
      });

      const runs = await tracking.searchRuns({ viewType: 'ALL' });
      expect(runs).toHaveLength(expected.runs);
      const sum = (pick: (r: (typeof runs)[number]) => object) =>
        runs.reduce((n, r) => n + Object.keys(pick(r)).length, 0);
      expect(sum((r) => r.data.params)).toBe(expected.params);
      expect(sum((r) => r.data.metrics)).toBe(expected.metrics);
      expect(sum((r) => r.data.tags)).toBe(expected.tags);

      expect(await tracking.searchExperiments()).toHaveLength(expected.experimentFolders);
      const wine = await tracking.getExperimentByName('wine_quality_experiment');
      expect(wine).toMatchObject({
        experimentId: '370669430888648421',
        creationTime: 1748096683071,
        lifecycleStage: 'active',
      });
      const knn = await tracking.getRun('1c0417ce914b446091744d2bf7b5cf6f');
      expect(knn.info).toMatchObject({
        runName: 'knn_12495e24',
        status: 'FINISHED',
        startTime: 1748096814385,
        endTime: 1748096818445,
        userId: 'danie',
        experimentId: '370669430888648421',
      });
      expect(knn.data.params.test_size).toBe('0.25');
      expect(knn.data.metrics.test_r2).toMatchObject({ value: 0.16926719035833415, step: 0, timestamp: 1748096814464 });
      const history = await tracking.getMetricHistory('1c0417ce914b446091744d2bf7b5cf6f', 'test_r2');
      expect(Array.from(history.values)).toEqual([0.16926719035833415]);
      // A pickled sklearn model cannot run here; its folder is kept as plain artifacts.
      const artifacts = (await tracking.listArtifacts('1c0417ce914b446091744d2bf7b5cf6f')).map((a) => a.path);
      expect(artifacts).toContain('model/MLmodel');
      const mlmodel = await (await tracking.getArtifact('1c0417ce914b446091744d2bf7b5cf6f', 'model/MLmodel')).text();
      expect(mlmodel).toBe(
        new TextDecoder().decode(tree['370669430888648421/1c0417ce914b446091744d2bf7b5cf6f/artifacts/model/MLmodel']),
      );
    });
  }

  it('imports the same tree as a dropped folder (files with webkitRelativePath)', async () => {
    const files = Object.entries(tree).map(([p, d]) => {
      const file = new File([d as BlobPart], p.split('/').pop()!);
      Object.defineProperty(file, 'webkitRelativePath', { value: `mlruns/${p}` });
      return file;
    });
    const tracking = await freshTracking();
    const summary = await importRuns(tracking, files);
    expect(summary.runs).toBe(expected.runs);
    expect(summary.metricPoints).toBe(expected.metricPoints);
  });

  it('imports the same tree from a picked folder (a FileSystemDirectoryHandle)', async () => {
    // A directory handle over the fixture's files, shaped like the File System Access API's.
    const folder = (name: string, prefix: string): DirectoryHandleLike => ({
      kind: 'directory',
      name,
      async *values() {
        const children = new Set(
          Object.keys(tree)
            .filter((p) => p.startsWith(prefix))
            .map((p) => p.slice(prefix.length).split('/')[0]),
        );
        for (const child of children) {
          const path = `${prefix}${child}`;
          if (tree[path])
            yield {
              kind: 'file' as const,
              name: child,
              getFile: async () => new File([tree[path] as BlobPart], child),
            };
          else yield folder(child, `${path}/`);
        }
      },
    });
    const tracking = await freshTracking();
    const summary = await importRuns(tracking, folder('mlruns', ''));
    expect(summary.runs).toBe(expected.runs);
    expect(summary.metricPoints).toBe(expected.metricPoints);
    expect((await tracking.getRun('1c0417ce914b446091744d2bf7b5cf6f')).data.params.test_size).toBe('0.25');
  });
});
