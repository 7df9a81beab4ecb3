import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportRuns, importRuns } from '../../src/io';
import { keyedRecord, LIMITS, validateKey, type TrackingClient } from '../../src/tracking';
import { freshTracking } from './helpers';

/**
 * Issue 15, item 1 as a property: any key MLflow accepts — Object.prototype's member names, unicode, dots,
 * slashes, spaces, 250 characters — and any value within MLflow's limits comes back identical from getRun,
 * from searchRuns filtering on it, and from an export imported into another database.
 */

const PROTOTYPE_NAMES = [
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '__proto__',
  'isPrototypeOf',
  'toLocaleString',
  '__defineGetter__',
];

const isValidKey = (key: string) => {
  try {
    validateKey('param', key);
    return true;
  } catch {
    return false;
  }
};

const keyChar = fc.constantFrom(...'aZ09_-. /éß损Ωя٣'.split(''));
const generatedKey = fc.array(keyChar, { minLength: 1, maxLength: 24 }).map((chars) => chars.join(''));
const keyArb = fc
  .oneof(
    { weight: 3, arbitrary: fc.constantFrom(...PROTOTYPE_NAMES) },
    { weight: 4, arbitrary: generatedKey },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'précision',
        '损失 率',
        'a.b/c d',
        'k'.repeat(LIMITS.keyLength),
        `${'é'.repeat(LIMITS.keyLength - 1)}x`,
      ),
    },
  )
  .filter((key) => isValidKey(key) && !key.startsWith('mlflow.'));

const valueArb = (limit: number) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    { weight: 2, arbitrary: fc.constantFrom(...PROTOTYPE_NAMES, '', "it's", 'a\nb', '<b>x</b>') },
    { weight: 1, arbitrary: fc.constant('v'.repeat(limit)) },
  );

const entriesArb = (limit: number) =>
  fc.uniqueArray(fc.tuple(keyArb, valueArb(limit)), { selector: ([key]) => key, maxLength: 5 });

const pointArb = fc.record({
  value: fc.oneof(fc.double(), fc.constantFrom(NaN, Infinity, -Infinity, 0.1, 1e-300)),
  step: fc.integer({ min: -5, max: 1_000_000 }),
  timestamp: fc.integer({ min: 0, max: 4_102_444_800_000 }),
});
const metricsArb = fc.uniqueArray(fc.tuple(keyArb, fc.array(pointArb, { minLength: 1, maxLength: 6 })), {
  selector: ([key]) => key,
  maxLength: 4,
});

const runDataArb = fc.record({
  params: entriesArb(LIMITS.paramValueLength),
  tags: entriesArb(LIMITS.runTagValueLength),
  metrics: metricsArb,
});
type RunData = typeof runDataArb extends fc.Arbitrary<infer T> ? T : never;

const sorted = <T>(entries: [string, T][]) => entries.slice().sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
/** Quote escapes are the search grammar's business (issue 13); keys are what this property is about. */
const quotable = (value: string) => !/['\\]/.test(value);
const sameNumbers = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  a.length === b.length && Array.from(a).every((x, i) => Object.is(x, b[i]));

async function logRun(tracking: TrackingClient, data: RunData, experimentId?: string): Promise<string> {
  const run = await tracking.startRun({ experimentId });
  await run.logParams(keyedRecord(data.params));
  await run.setTags(keyedRecord(data.tags));
  for (const [key, points] of data.metrics) for (const p of points) run.logMetric(key, p.value, p.step, p.timestamp);
  await run.end();
  return run.id;
}

/** Everything logged is in the stored run exactly: params whole, each tag, each metric's every point. */
async function expectRunHolds(tracking: TrackingClient, runId: string, data: RunData): Promise<void> {
  const run = await tracking.getRun(runId);
  expect(sorted(Object.entries(run.data.params))).toEqual(sorted(data.params));
  for (const [key, value] of data.tags) expect(Object.getOwnPropertyDescriptor(run.data.tags, key)?.value).toBe(value);
  expect(sorted(Object.keys(run.data.metrics).map((k) => [k, 0]))).toEqual(sorted(data.metrics.map(([k]) => [k, 0])));
  for (const [key, points] of data.metrics) {
    const summary = Object.getOwnPropertyDescriptor(run.data.metrics, key)?.value;
    expect(summary?.count).toBe(points.length);
    // Histories read back ordered by step, then timestamp, then logging order (see metric-chunks.ts).
    const ordered = points.slice().sort((a, b) => a.step - b.step || a.timestamp - b.timestamp);
    const history = await tracking.getMetricHistory(runId, key);
    expect(
      sameNumbers(
        history.values,
        ordered.map((p) => p.value),
      ),
    ).toBe(true);
    expect(
      sameNumbers(
        history.steps,
        ordered.map((p) => p.step),
      ),
    ).toBe(true);
    expect(
      sameNumbers(
        history.timestamps,
        ordered.map((p) => p.timestamp),
      ),
    ).toBe(true);
  }
}

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
