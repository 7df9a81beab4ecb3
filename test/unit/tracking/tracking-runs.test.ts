import { describe, expect, it } from 'vitest';
import { NotFoundError, ValidationError } from '../../../src/tracking';
import { freshTracking } from '../helpers';

describe('runs', () => {
  it('starts a run with an MLflow-shaped id, a generated name and system tags', async () => {
    const t = await freshTracking({ userId: 'ada' });
    const run = await t.startRun();
    expect(run.id).toMatch(/^[0-9a-f]{32}$/);
    const r = await t.getRun(run.id);
    expect(r.info.runName).toMatch(/^[a-z]+-[a-z]+-\d{1,3}$/);
    expect(r.info).toMatchObject({
      experimentId: '0',
      status: 'RUNNING',
      endTime: null,
      lifecycleStage: 'active',
      userId: 'ada',
    });
    expect(r.data.tags['mlflow.runName']).toBe(r.info.runName);
    expect(r.data.tags['mlflow.user']).toBe('ada');
    await run.end();
    const done = await t.getRun(run.id);
    expect(done.info.status).toBe('FINISHED');
    expect(done.info.endTime).toBeGreaterThanOrEqual(done.info.startTime);
  });

  it('stores params as strings and refuses to change them', async () => {
    const t = await freshTracking();
    const run = await t.startRun({ runName: 'p' });
    await run.logParam('lr', 0.01);
    await run.logParams({ optimizer: 'adam', layers: 3, bn: true });
    await run.logParam('lr', '0.01');
    await expect(run.logParam('lr', 0.1)).rejects.toThrow(/'lr' was already logged with value '0.01'/);
    await expect(run.logParams({ new: 'x', lr: 0.5 })).rejects.toBeInstanceOf(ValidationError);
    const r = await t.getRun(run.id);
    expect(r.data.params).toEqual({ lr: '0.01', optimizer: 'adam', layers: '3', bn: 'True' });
  });

  it('validates keys and values with messages naming the key and the rule, writing nothing', async () => {
    const t = await freshTracking();
    const run = await t.startRun();
    await expect(run.logParam('a/../b', 1)).rejects.toThrow(/'a\/..\/b'/);
    await expect(run.logParam('x', 'v'.repeat(6001))).rejects.toThrow(/'x'.*limit is 6000/);
    await expect(run.setTag('t', 'v'.repeat(8001))).rejects.toThrow(/'t'.*limit is 8000/);
    await expect(run.setTags({ fine: 'ok', 'bad?': 'x' })).rejects.toThrow(/bad\?/);
    expect(() => run.logMetric('k'.repeat(251), 1)).toThrow(/limit is 250/);
    expect(() => run.logMetric('m', 1, 1.5)).toThrow(/step/);
    expect(() => run.logMetric('m', '1' as unknown as number)).toThrow(/non-numeric/);
    const r = await t.getRun(run.id);
    expect(r.data.params).toEqual({});
    expect(Object.keys(r.data.tags).sort()).toEqual(['mlflow.runName', 'mlflow.user']);
  });

  it('overwrites tags and renames runs', async () => {
    const t = await freshTracking();
    const run = await t.startRun({ tags: { a: '1' } });
    await run.setTag('a', '2');
    await t.setRunName(run.id, 'renamed');
    const r = await t.getRun(run.id);
    expect(r.data.tags.a).toBe('2');
    expect(r.info.runName).toBe('renamed');
    expect(r.data.tags['mlflow.runName']).toBe('renamed');
  });

  it('records nested runs with mlflow.parentRunId', async () => {
    const t = await freshTracking();
    const parent = await t.startRun({ runName: 'sweep' });
    const child = await t.startRun({ runName: 'trial-1', parentRunId: parent.id });
    const r = await t.getRun(child.id);
    expect(r.info.parentRunId).toBe(parent.id);
    expect(r.data.tags['mlflow.parentRunId']).toBe(parent.id);
    expect((await t.getRun(parent.id)).info.parentRunId).toBeUndefined();
    await expect(t.startRun({ parentRunId: 'f'.repeat(32) })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('soft-deletes and restores runs; search respects the view type', async () => {
    const t = await freshTracking();
    const a = await t.startRun({ runName: 'a' });
    const b = await t.startRun({ runName: 'b' });
    await t.deleteRun(a.id);
    const deleted = await t.getRun(a.id);
    expect(deleted.info.lifecycleStage).toBe('deleted');
    expect(deleted.info.deletedTime).toBeGreaterThan(0);
    expect((await t.searchRuns()).map((r) => r.info.runName)).toEqual(['b']);
    expect((await t.searchRuns({ viewType: 'DELETED_ONLY' })).map((r) => r.info.runName)).toEqual(['a']);
    expect(await t.searchRuns({ viewType: 'ALL' })).toHaveLength(2);
    await t.restoreRun(a.id);
    expect(await t.searchRuns()).toHaveLength(2);
    await t.purgeRuns([b.id]);
    await expect(t.getRun(b.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('ends runs with any terminal status and rejects unknown ones', async () => {
    const t = await freshTracking();
    const run = await t.startRun();
    await t.setTerminated(run.id, 'KILLED');
    expect((await t.getRun(run.id)).info.status).toBe('KILLED');
    await expect(t.setTerminated(run.id, 'DONE' as never)).rejects.toThrow(/Unknown run status/);
  });

  it('searches runs across experiments with a filter, order and max results', async () => {
    const t = await freshTracking();
    const exp = await t.createExperiment('e');
    for (let i = 0; i < 5; i++) {
      const run = await t.startRun({ experimentId: i % 2 ? exp : '0', runName: `r${i}` });
      run.logMetric('acc', i / 10);
      await run.logParam('i', i);
      await run.end();
    }
    const inExp = await t.searchRuns({ experimentIds: [exp] });
    expect(inExp.map((r) => r.info.runName).sort()).toEqual(['r1', 'r3']);
    const best = await t.searchRuns({ filter: 'metrics.acc >= 0.2', orderBy: ['metrics.acc DESC'], maxResults: 2 });
    expect(best.map((r) => r.info.runName)).toEqual(['r4', 'r3']);
    await expect(t.searchRuns({ filter: 'metrics.acc >>' })).rejects.toThrow(/character/);
  });

  it('ends runs whose heartbeat went silent as KILLED, keeping their data', async () => {
    const t = await freshTracking();
    const stale = await t.startRun({ runName: 'stale' });
    stale.logMetric('loss', 1, 0);
    await stale.flush();
    const fresh = await t.startRun({ runName: 'fresh' });
    const ended = await t.endAbandonedRuns(60_000, Date.now() + 120_000);
    expect(ended.sort()).toEqual([stale.id, fresh.id].sort());
    const r = await t.getRun(stale.id);
    expect(r.info.status).toBe('KILLED');
    expect(r.data.tags['tabflow.killedReason']).toMatch(/heartbeat/);
    expect(r.data.metrics.loss.value).toBe(1);
    expect(await t.endAbandonedRuns(60_000)).toEqual([]);
  });

  it('logs dataset inputs', async () => {
    const t = await freshTracking();
    const run = await t.startRun();
    await run.logInput({
      name: 'spiral',
      digest: 'abc123',
      sourceType: 'generated',
      source: 'spiral?seed=1',
      context: 'train',
    });
    expect((await t.getRun(run.id)).inputs.datasetInputs).toEqual([
      { name: 'spiral', digest: 'abc123', sourceType: 'generated', source: 'spiral?seed=1', context: 'train' },
    ]);
  });
});

describe('tags and children', () => {
  it('deletes a run tag, but not the ones that carry run structure', async () => {
    const t = await freshTracking();
    const parent = await t.startRun();
    const run = await t.startRun({ parentRunId: parent.id, tags: { keep: '1', drop: '2' } });
    await t.deleteTag(run.id, 'drop');
    const tags = (await t.getRun(run.id)).data.tags;
    expect(tags.keep).toBe('1');
    expect('drop' in tags).toBe(false);
    await expect(t.deleteTag(run.id, 'drop')).rejects.toBeInstanceOf(NotFoundError);
    await expect(t.deleteTag(run.id, 'mlflow.parentRunId')).rejects.toBeInstanceOf(ValidationError);
  });

  it('finds child runs by index, with the view type', async () => {
    const t = await freshTracking();
    const parent = await t.startRun();
    const a = await t.startRun({ parentRunId: parent.id, runName: 'a' });
    await t.startRun({ parentRunId: parent.id, runName: 'b' });
    await t.startRun({ runName: 'unrelated' });
    await t.deleteRun(a.id);
    expect((await t.getChildRuns(parent.id)).map((r) => r.info.runName)).toEqual(['b']);
    expect((await t.getChildRuns(parent.id, { viewType: 'ALL' })).map((r) => r.info.runName).sort()).toEqual([
      'a',
      'b',
    ]);
  });
});

describe('counting by status', () => {
  it('counts runs with a status from the index', async () => {
    const t = await freshTracking();
    const a = await t.startRun();
    await t.startRun();
    expect(await t.countRunsWithStatus('RUNNING')).toBe(2);
    await a.end();
    expect(await t.countRunsWithStatus('RUNNING')).toBe(1);
    expect(await t.countRunsWithStatus('FINISHED')).toBe(1);
  });

  it('searches several experiments at once, each run once', async () => {
    const t = await freshTracking();
    const e = await t.createExperiment('other');
    await t.startRun({ experimentId: e });
    await t.startRun();
    expect(await t.searchRuns({ experimentIds: [e, '0', e] })).toHaveLength(2);
  });
});
