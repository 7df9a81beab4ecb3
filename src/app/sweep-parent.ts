/**
 * The sweep's parent run, MLflow's nested-run pattern: it records what the sweep tries (the shared settings and
 * each swept space as params, the whole definition as `sweep.json`) and, at the end, which trial won.
 */
import { describeSource, sourceParams } from '../ml/dataset-source';
import { configToParams } from '../ml/model-config';
import type { ActiveRun, TrackingClient } from '../tracking';
import {
  repeatedKeys,
  sweepSetting,
  type PlannedTrial,
  type SweepPlan,
  type SweepSnapshot,
  type TrialBase,
} from '../sweep';

/** Tags that mark a parent run and its trials, so tables and searches can find a sweep's runs. */
export const SWEEP_TAGS = {
  role: 'tabflow.sweep.role',
  trialIndex: 'tabflow.sweep.trial_index',
  stoppedEarly: 'tabflow.sweep.stopped_early',
  bestRunId: 'tabflow.sweep.best_run_id',
  bestRunName: 'tabflow.sweep.best_run_name',
  bestTrial: 'tabflow.sweep.best_trial',
  bestValue: 'tabflow.sweep.best_value',
  counts: 'tabflow.sweep.counts',
  /** On a trial that trained in a batch: how many trials trained with it in one stacked model. */
  batchSize: 'tabflow.sweep.batch_size',
} as const;

function baseParams(base: TrialBase): Record<string, string> {
  return { ...sourceParams(base.source), ...configToParams(base.model) };
}

/** The settings every trial shares (what the sweep varies is left out) and the sweep's own settings. */
export function parentParams(plan: SweepPlan, trialCount: number): Record<string, string> {
  const { definition: def } = plan;
  const params = baseParams(plan.base);
  for (const key of [...Object.keys(def.space), ...repeatedKeys(def.repeats)])
    for (const p of sweepSetting(key).paramKeys) delete params[p];
  if (def.repeats) params['sweep.repeats'] = JSON.stringify(def.repeats);
  params['sweep.method'] = def.method;
  params['sweep.metric'] = def.metric;
  params['sweep.direction'] = def.direction;
  params['sweep.trials'] = String(trialCount);
  params['sweep.pool_size'] = String(plan.poolSize);
  params['sweep.train_together'] = String(plan.batch !== false);
  params['sweep.early_stopping'] = def.earlyStopping ? JSON.stringify(def.earlyStopping) : 'off';
  if (def.method === 'random') params['sweep.seed'] = String(def.seed ?? 0);
  for (const [key, space] of Object.entries(def.space)) params[`sweep.space.${key}`] = JSON.stringify(space);
  return params;
}

export function parentRunName(plan: SweepPlan, trialCount: number, now = new Date()): string {
  const time = now.toISOString().slice(11, 19);
  return `sweep ${plan.definition.method} ×${trialCount} ${time}`;
}

export async function startParentRun(
  tracking: TrackingClient,
  plan: SweepPlan,
  planned: PlannedTrial[],
): Promise<ActiveRun> {
  const parent = await tracking.startRun({
    experimentId: plan.experimentId,
    runName: parentRunName(plan, planned.length),
    tags: { [SWEEP_TAGS.role]: 'parent', 'mlflow.source.name': 'playground', 'mlflow.source.type': 'LOCAL' },
  });
  parent.startHeartbeat();
  try {
    await parent.logParams(parentParams(plan, planned.length));
    const record = {
      format: 'tabflow.sweep/1',
      definition: plan.definition,
      poolSize: plan.poolSize,
      trainTogether: plan.batch !== false,
      base: { model: plan.base.model, source: describeSource(plan.base.source) },
      trials: planned.map((t, index) => ({ index, settings: t.settings })),
    };
    await parent.logArtifact('sweep.json', JSON.stringify(record, null, 2));
  } catch (error) {
    await parent.end('FAILED').catch(() => {});
    throw error;
  }
  return parent;
}

/** Names the best trial on the parent (tags + a `best_<metric>` metric) and ends it. */
export async function endParentRun(
  parent: ActiveRun,
  snapshot: SweepSnapshot,
  status: 'FINISHED' | 'KILLED' | 'FAILED',
): Promise<void> {
  const { best, progress, definition } = snapshot;
  const { counts } = progress;
  const tags: Record<string, string> = {
    [SWEEP_TAGS.counts]: `done ${counts.done}, failed ${counts.failed}, killed ${counts.killed}, never started ${counts.cancelled}`,
  };
  if (best) {
    tags[SWEEP_TAGS.bestRunId] = best.runId;
    tags[SWEEP_TAGS.bestRunName] = best.runName;
    tags[SWEEP_TAGS.bestTrial] = String(best.index + 1);
    tags[SWEEP_TAGS.bestValue] = String(best.value);
    parent.logMetric(`best_${definition.metric}`, best.value, 0);
  }
  if (snapshot.message) tags['tabflow.sweep.note'] = snapshot.message.slice(0, 5000);
  await parent.setTags(tags);
  await parent.end(status);
}
