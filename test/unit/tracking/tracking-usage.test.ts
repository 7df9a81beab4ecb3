import { describe, expect, it } from 'vitest';
import { estimateStorageUsage } from '../../../src/tracking';
import { freshTracking } from '../helpers';

describe('estimateStorageUsage', () => {
  it('attributes run rows, metric points and artifact bytes to each experiment, and what deleted runs would free', async () => {
    const t = await freshTracking();
    const big = await t.createExperiment('big');
    const small = await t.createExperiment('small');

    const run = await t.startRun({ experimentId: big });
    for (let step = 0; step < 2500; step++) run.logMetric('loss', 1 / (step + 1), step);
    await run.logArtifact('weights.bin', new Uint8Array(50_000));
    await run.end();
    const doomed = await t.startRun({ experimentId: small });
    await doomed.logArtifact('notes.txt', 'x'.repeat(1000));
    await doomed.end();
    await t.deleteRun(doomed.id);
    await (await t.startRun({ experimentId: small })).end();

    const usage = await estimateStorageUsage(t);
    const byName = Object.fromEntries(usage.experiments.map((u) => [u.name, u]));
    expect(usage.experiments.map((u) => u.name)).toEqual(['big', 'small', 'Default']);

    expect(byName.big).toMatchObject({ runs: 1, deletedRuns: 0, artifactBytes: 50_000, deletedBytes: 0 });
    // 2,500 points of three float64s, in three chunks.
    expect(byName.big.metricBytes).toBeGreaterThanOrEqual(2500 * 24);
    expect(byName.big.metricBytes).toBeLessThan(2500 * 24 + 3 * 200);
    expect(byName.big.runBytes).toBeGreaterThan(100);
    expect(byName.big.totalBytes).toBe(byName.big.runBytes + byName.big.metricBytes + byName.big.artifactBytes);

    expect(byName.small).toMatchObject({ runs: 1, deletedRuns: 1, artifactBytes: 1000, metricBytes: 0 });
    expect(byName.small.deletedBytes).toBeGreaterThan(1000);
    expect(byName.small.deletedBytes).toBeLessThan(byName.small.totalBytes);
    expect(byName.Default).toMatchObject({ runs: 0, totalBytes: 0 });
    expect(usage.totalBytes).toBe(byName.big.totalBytes + byName.small.totalBytes);

    // Purging the deleted run frees what the estimate said it would.
    await t.purgeRuns([doomed.id]);
    const after = await estimateStorageUsage(t);
    const smallAfter = after.experiments.find((u) => u.name === 'small')!;
    expect(smallAfter.totalBytes).toBe(byName.small.totalBytes - byName.small.deletedBytes);
    expect(smallAfter.deletedRuns).toBe(0);
  });
});
