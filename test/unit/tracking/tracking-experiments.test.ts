import { describe, expect, it } from 'vitest';
import { AlreadyExistsError, NotFoundError, ValidationError } from '../../../src/tracking';
import { freshTracking } from '../helpers';

describe('experiments', () => {
  it('creates the Default experiment "0" on first open, once', async () => {
    const t = await freshTracking();
    const exps = await t.searchExperiments();
    expect(exps.map((e) => [e.experimentId, e.name])).toEqual([['0', 'Default']]);
    await t.open();
    expect(await t.searchExperiments()).toHaveLength(1);
  });

  it('creates experiments with digit ids, unique names and tags', async () => {
    const t = await freshTracking();
    const id = await t.createExperiment('spirals', { tags: { team: 'class-3b' } });
    expect(id).toMatch(/^\d{18}$/);
    const e = await t.getExperiment(id);
    expect(e).toMatchObject({ name: 'spirals', lifecycleStage: 'active', tags: { team: 'class-3b' } });
    expect(e.creationTime).toBeGreaterThan(0);
    expect((await t.getExperimentByName('spirals'))?.experimentId).toBe(id);
    expect(await t.getExperimentByName('nope')).toBeNull();
    await expect(t.createExperiment('spirals')).rejects.toBeInstanceOf(AlreadyExistsError);
    await expect(t.getExperiment('123')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('validates names and tag values, writing nothing on failure', async () => {
    const t = await freshTracking();
    await expect(t.createExperiment('')).rejects.toBeInstanceOf(ValidationError);
    await expect(t.createExperiment('x'.repeat(501))).rejects.toThrow(/limit is 500/);
    await expect(t.createExperiment('ok', { tags: { 'bad key!': 'v' } })).rejects.toThrow(/bad key!/);
    await expect(t.createExperiment('ok2', { tags: { k: 'v'.repeat(5001) } })).rejects.toThrow(/limit is 5000/);
    expect(await t.searchExperiments({ viewType: 'ALL' })).toHaveLength(1);
  });

  it('renames, soft-deletes and restores, filtering by view type', async () => {
    const t = await freshTracking();
    const a = await t.createExperiment('a');
    const b = await t.createExperiment('b');
    await t.renameExperiment(a, 'a2');
    expect((await t.getExperiment(a)).name).toBe('a2');
    await expect(t.renameExperiment(a, 'b')).rejects.toBeInstanceOf(AlreadyExistsError);
    await t.deleteExperiment(b);
    expect((await t.searchExperiments()).map((e) => e.name)).toEqual(['Default', 'a2']);
    expect((await t.searchExperiments({ viewType: 'DELETED_ONLY' })).map((e) => e.name)).toEqual(['b']);
    expect(await t.searchExperiments({ viewType: 'ALL' })).toHaveLength(3);
    await expect(t.startRun({ experimentId: b })).rejects.toThrow(/deleted/);
    await t.restoreExperiment(b);
    expect((await t.getExperiment(b)).lifecycleStage).toBe('active');
    await expect(t.deleteExperiment('0')).rejects.toThrow(/Default/);
  });

  it('sets experiment tags', async () => {
    const t = await freshTracking();
    await t.setExperimentTag('0', 'note', 'hello');
    expect((await t.getExperiment('0')).tags).toEqual({ note: 'hello' });
  });
});
