import type { Direction } from './definition';

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * The median stopping rule (Golovin et al., "Google Vizier", 2017, as in Katib and Optuna's MedianPruner):
 * stop a trial whose metric at epoch k is worse than the median of the completed trials' metric at epoch k.
 *
 * `current` holds the running trial's metric per epoch (index = epoch), `completed` the full histories of
 * finished trials. It never stops before `minEpochs` epochs, nor with fewer than `minCompletedTrials`
 * completed trials that reached epoch k; NaN counts as worse than any number.
 */
export function shouldStopEarly(
  current: number[],
  completed: number[][],
  direction: Direction,
  options: { minCompletedTrials: number; minEpochs: number },
): boolean {
  const k = current.length - 1;
  if (k < 0 || current.length < options.minEpochs) return false;
  const atK = completed.filter((h) => h.length > k && !Number.isNaN(h[k])).map((h) => h[k]);
  if (atK.length < Math.max(1, options.minCompletedTrials)) return false;
  const value = current[k];
  if (Number.isNaN(value)) return true;
  const m = median(atK);
  return direction === 'minimize' ? value > m : value < m;
}
