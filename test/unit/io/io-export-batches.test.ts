import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { exportRuns, importRuns } from '../../../src/io';
import { freshTracking } from '../helpers';

describe('export read in batches of runs', () => {
  it('every run of several read batches, and a run too large to batch, keeps its own metrics and artifacts', async () => {
    const source = await freshTracking();
    const experimentId = await source.createExperiment('batches');
    const ids: string[] = [];
    for (let r = 0; r < 19; r++) {
      const run = await source.startRun({ experimentId, runName: `run-${r}` });
      for (let i = 0; i < 3 + r; i++) run.logMetric('loss', r + i / 10, i, 1_700_000_000_000 + i);
      if (r % 3 === 0) run.logMetric(`only-${r}`, r, 0, 1);
      // Stored, not deflated (its name ends in .png): its bytes wait in the zip while later metric files are formatted.
      run.logMetric('curve.png', r, 0, 1);
      // Run 9 holds more than a read batch's byte budget, so the batches after it shrink to one run.
      await run.logArtifact('data.bin', r === 9 ? new Uint8Array(9 * 1024 * 1024).fill(9) : new Uint8Array([r, r, r]));
      await run.end();
      ids.push(run.id);
    }
    const zip = await exportRuns(source, { experimentIds: [experimentId] });
    const files = unzipSync(new Uint8Array(await zip.arrayBuffer()));
    const folderOf = (runId: string) =>
      Object.keys(files)
        .find((p) => p.endsWith(`/${runId}/meta.yaml`))!
        .replace('/meta.yaml', '');
    ids.forEach((runId, r) => {
      const folder = folderOf(runId);
      const lines = new TextDecoder().decode(files[`${folder}/metrics/loss`]).trimEnd().split('\n');
      expect(lines).toHaveLength(3 + r);
      expect(lines[0]).toBe(`1700000000000 ${r}.0 0`);
      expect(files[`${folder}/metrics/only-${r}`] !== undefined).toBe(r % 3 === 0);
      expect(new TextDecoder().decode(files[`${folder}/metrics/curve.png`])).toBe(`1 ${r}.0 0\n`);
      expect(files[`${folder}/artifacts/data.bin`].length).toBe(r === 9 ? 9 * 1024 * 1024 : 3);
      if (r !== 9) expect(Array.from(files[`${folder}/artifacts/data.bin`])).toEqual([r, r, r]);
    });
    const target = await freshTracking();
    const summary = await importRuns(target, zip);
    expect(summary).toMatchObject({
      runs: 19,
      metricPoints: ids.reduce((n, _, r) => n + 4 + r + (r % 3 === 0 ? 1 : 0), 0),
      artifacts: 19,
    });
    expect(Array.from((await target.getMetricHistory(ids[18], 'loss')).values.slice(0, 2))).toEqual([18, 18.1]);
  });
});
