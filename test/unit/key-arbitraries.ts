import fc from 'fast-check';
import { expect } from 'vitest';
import { keyedRecord, LIMITS, validateKey, type TrackingClient } from '../../src/tracking';

/**
 * Generators for issue 15's property tests: any key MLflow accepts — Object.prototype's member names, unicode,
 * dots, slashes, spaces, 250 characters — with values up to MLflow's limits, and the checks that a run holds
 * exactly what was logged.
 */

export const PROTOTYPE_NAMES = [
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

export const entriesArb = (limit: number) =>
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

export const runDataArb = fc.record({
  params: entriesArb(LIMITS.paramValueLength),
  tags: entriesArb(LIMITS.runTagValueLength),
  metrics: metricsArb,
});
export type RunData = typeof runDataArb extends fc.Arbitrary<infer T> ? T : never;

export const sorted = <T>(entries: [string, T][]) => entries.slice().sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
/** Quote escapes are the search grammar's business (issue 13); keys are what this property is about. */
export const quotable = (value: string) => !/['\\]/.test(value);
const sameNumbers = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  a.length === b.length && Array.from(a).every((x, i) => Object.is(x, b[i]));

export async function logRun(tracking: TrackingClient, data: RunData, experimentId?: string): Promise<string> {
  const run = await tracking.startRun({ experimentId });
  await run.logParams(keyedRecord(data.params));
  await run.setTags(keyedRecord(data.tags));
  for (const [key, points] of data.metrics) for (const p of points) run.logMetric(key, p.value, p.step, p.timestamp);
  await run.end();
  return run.id;
}

/** Everything logged is in the stored run exactly: params whole, each tag, each metric's every point. */
export async function expectRunHolds(tracking: TrackingClient, runId: string, data: RunData): Promise<void> {
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
