// Figures whose features are still being built: each says in words why it was not measured, instead of a number.
import { spawnSync } from 'node:child_process';

/** True when git has committed files under `path` (a feature that only exists as someone's draft has not landed). */
const landed = (path) => spawnSync('git', ['ls-files', '--', path], { encoding: 'utf8' }).stdout.trim() !== '';

const reason = (path, feature) =>
  landed(path) ? `${feature} landed after this benchmark was written; it has no measurement yet` : `${feature} (${path}) has not landed yet`;

export const PENDING_FIGURES = [
  { figure: 'chart draw', reason: () => reason('src/ui/compare', 'the Compare overlay') },
  { figure: 'responsiveness', reason: () => reason('workers/train.worker.ts', 'Playground training') },
];
