import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotFoundError, ownValue, ValidationError, type TrackingClient } from '../../../src/tracking';
import { freshTracking } from '../helpers';

/** Issue 15, item 1 in the tracking API: keys named after Object.prototype's members are ordinary keys. */
const PROTOTYPE_NAMES = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__'];

describe('keys named after built-in object properties', () => {
  let tracking: TrackingClient;
  beforeEach(async () => {
    tracking = await freshTracking();
  });
  afterEach(() => tracking.close());

  it.each(PROTOTYPE_NAMES)(
    'logParam(%s) stores the value, and logging it again with the same value is fine',
    async (key) => {
      const run = await tracking.startRun();
      await run.logParam(key, 'x');
      await run.logParam(key, 'x');
      await expect(run.logParam(key, 'y')).rejects.toThrow(`Param '${key}' was already logged with value 'x'`);
      const { data } = await tracking.getRun(run.id);
      expect(Object.keys(data.params)).toEqual([key]);
      expect(ownValue(data.params, key)).toBe('x');
    },
  );

  it.each(PROTOTYPE_NAMES)('setTag(%s) stores the tag, and deleteTag removes it', async (key) => {
    const run = await tracking.startRun();
    await run.setTag(key, 'v');
    expect(ownValue((await tracking.getRun(run.id)).data.tags, key)).toBe('v');
    await tracking.deleteTag(run.id, key);
    expect(ownValue((await tracking.getRun(run.id)).data.tags, key)).toBeUndefined();
    await expect(tracking.deleteTag(run.id, key)).rejects.toBeInstanceOf(NotFoundError);
  });

  it.each(PROTOTYPE_NAMES)('logMetric(%s) keeps a whole summary that tables and search see', async (key) => {
    const run = await tracking.startRun();
    run.logMetric(key, 3, 0, 10);
    run.logMetric(key, 5, 1, 11);
    await run.end();
    const other = await tracking.startRun();
    other.logMetric('loss', 1, 0, 10);
    await other.end();
    const summary = ownValue((await tracking.getRun(run.id)).data.metrics, key);
    expect(summary).toEqual({ value: 5, step: 1, timestamp: 11, min: 3, max: 5, count: 2 });
    const found = await tracking.searchRuns({ filter: `metrics.\`${key}\` > 0` });
    expect(found.map((r) => r.info.runId)).toEqual([run.id]);
    const sorted = await tracking.searchRuns({ orderBy: [`metrics.\`${key}\` DESC`] });
    expect(sorted[0].info.runId).toBe(run.id);
  });

  it('a run without such a key is not matched through an inherited member', async () => {
    const run = await tracking.startRun();
    await run.logParam('lr', '0.1');
    for (const key of PROTOTYPE_NAMES) {
      expect(await tracking.searchRuns({ filter: `params.\`${key}\` LIKE '%'` })).toEqual([]);
      expect(await tracking.searchRuns({ filter: `metrics.\`${key}\` > -1e308` })).toEqual([]);
      expect(await tracking.searchRuns({ filter: `tags.\`${key}\` LIKE '%'` })).toEqual([]);
    }
  });

  it('experiment tags take such keys, at creation and later', async () => {
    const id = await tracking.createExperiment('e', {
      tags: Object.fromEntries([
        ['__proto__', 'a'],
        ['constructor', 'b'],
      ]),
    });
    await tracking.setExperimentTag(id, 'toString', 'c');
    const { tags } = await tracking.getExperiment(id);
    expect(Object.entries(tags).sort()).toEqual([
      ['__proto__', 'a'],
      ['constructor', 'b'],
      ['toString', 'c'],
    ]);
  });

  it('registry tags and aliases take such names; an alias never resolves through an inherited member', async () => {
    const run = await tracking.startRun();
    await run.logArtifact('model/model.json', '{}');
    await run.end();
    await tracking.createRegisteredModel('net', { tags: Object.fromEntries([['__proto__', 'p']]) });
    await tracking.createModelVersion('net', run.id, 'model');
    await expect(tracking.getModelVersionByAlias('net', 'constructor')).rejects.toBeInstanceOf(NotFoundError);
    await tracking.setRegisteredModelAlias('net', 'constructor', 1);
    await tracking.setRegisteredModelAlias('net', '__proto__', 1);
    await tracking.setRegisteredModelTag('net', 'valueOf', 'v');
    await tracking.setModelVersionTag('net', 1, 'hasOwnProperty', 'h');
    const model = await tracking.getRegisteredModel('net');
    expect(Object.entries(model.aliases).sort()).toEqual([
      ['__proto__', 1],
      ['constructor', 1],
    ]);
    expect(Object.entries(model.tags).sort()).toEqual([
      ['__proto__', 'p'],
      ['valueOf', 'v'],
    ]);
    expect((await tracking.getModelVersionByAlias('net', '__proto__')).version).toBe(1);
    const version = await tracking.getModelVersion('net', 1);
    expect(version.aliases).toEqual(['__proto__', 'constructor']);
    expect(ownValue(version.tags, 'hasOwnProperty')).toBe('h');
    await tracking.deleteRegisteredModelAlias('net', '__proto__');
    await expect(tracking.deleteRegisteredModelAlias('net', 'toString')).rejects.toBeInstanceOf(NotFoundError);
    expect(Object.keys((await tracking.getRegisteredModel('net')).aliases)).toEqual(['constructor']);
  });

  it('unicode keys MLflow accepts are accepted; marks and symbols it refuses are refused', async () => {
    const run = await tracking.startRun();
    await run.logParams({ précision: '1', '损失 率': '2', 'Ω/a.b c': '3' });
    expect(Object.keys((await tracking.getRun(run.id)).data.params).sort()).toEqual(
      ['précision', 'Ω/a.b c', '损失 率'].sort(),
    );
    await expect(run.logParam('a\u0301', '1')).rejects.toBeInstanceOf(ValidationError);
    await expect(run.logParam('a€', '1')).rejects.toBeInstanceOf(ValidationError);
  });
});
