import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportRuns, importRuns } from '../../../src/io';
import { keyedRecord, LIMITS, type TrackingClient } from '../../../src/tracking';
import { freshTracking } from '../helpers';
import { entriesArb, expectRunHolds, logRun, quotable, runDataArb, sorted } from '../key-arbitraries';

/**
 * Issue 15, item 1 as a property: any key MLflow accepts — Object.prototype's member names, unicode, dots,
 * slashes, spaces, 250 characters — and any value within MLflow's limits comes back identical from getRun,
 * from searchRuns filtering on it, and from an export imported into another database.
 */

describe('any key MLflow accepts round-trips (property)', () => {
  let tracking: TrackingClient;
  let target: TrackingClient;
  beforeAll(async () => {
    tracking = await freshTracking();
    target = await freshTracking();
  });
  afterAll(() => {
    tracking.close();
    target.close();
  });

  it('comes back identical from getRun and is found by searchRuns filtering on it', async () => {
    await fc.assert(
      fc.asyncProperty(runDataArb, async (data) => {
        const runId = await logRun(tracking, data);
        await expectRunHolds(tracking, runId, data);
        const filters = [
          ...data.params.filter(([, v]) => quotable(v)).map(([k, v]) => `params.\`${k}\` = '${v}'`),
          ...data.tags.filter(([, v]) => quotable(v)).map(([k, v]) => `tags.\`${k}\` = '${v}'`),
        ];
        const run = await tracking.getRun(runId);
        for (const [key] of data.metrics) {
          const latest = Object.getOwnPropertyDescriptor(run.data.metrics, key)!.value.value as number;
          if (Number.isFinite(latest) && Math.abs(latest) < 1e15)
            filters.push(`metrics.\`${key}\` >= ${Math.floor(latest)}`);
        }
        for (const filter of filters) {
          const found = await tracking.searchRuns({ filter, maxResults: 50_000 });
          expect(
            found.map((r) => r.info.runId),
            filter,
          ).toContain(runId);
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it('comes back identical after export → import, experiment tags included', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(runDataArb, entriesArb(LIMITS.experimentTagValueLength), async (data, experimentTags) => {
        n += 1;
        const experimentId = await tracking.createExperiment(`roundtrip ${n} ${Math.random()}`, {
          tags: keyedRecord(experimentTags),
        });
        const runId = await logRun(tracking, data, experimentId);
        const summary = await importRuns(target, await exportRuns(tracking, { runIds: [runId] }));
        expect(summary.runs).toBe(1);
        expect(summary.metricPoints).toBe(data.metrics.reduce((sum, [, points]) => sum + points.length, 0));
        await expectRunHolds(target, runId, data);
        const imported = await target.getExperiment((await target.getRun(runId)).info.experimentId);
        expect(sorted(Object.entries(imported.tags))).toEqual(sorted(experimentTags));
      }),
      { numRuns: 25 },
    );
  }, 180_000);
});
