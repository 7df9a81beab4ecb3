/**
 * Chooses which epochs a run's replay keeps, within a byte budget, without knowing how long the run will be (a
 * stepped run has no planned length): it keeps every `stride`-th epoch, starting with every epoch; when the
 * kept snapshots would pass the budget it doubles the stride and drops the epochs off the new stride. The most
 * recent snapshot offered is always kept too, so the replay ends where the training ended. A short run keeps
 * every epoch offered; a long one ends with between capacity / 2 and capacity evenly spaced snapshots. (The
 * training routine offers an epoch only when taking its snapshot costs at most ~2.5% of the training time, so very
 * fast epochs are spaced by time as well; see workers/train-run.ts.)
 */
import { REPLAY_BUDGET_BYTES, type ReplaySnapshot } from './replay-format';

export class ReplayRecorder {
  /** Snapshots the budget holds, the always-kept latest one included; at least 2 (the first and the last). */
  readonly capacity: number;
  private stride = 1;
  private kept: ReplaySnapshot[] = [];
  private latest: ReplaySnapshot | null = null;

  constructor(snapshotBytes: number, budgetBytes = REPLAY_BUDGET_BYTES) {
    this.capacity = Math.max(2, Math.floor(budgetBytes / snapshotBytes));
  }

  /** Whether a snapshot after `epoch` epochs would be kept (the caller computes one only then, or at the end). */
  wants(epoch: number): boolean {
    return epoch % this.stride === 0;
  }

  offer(snapshot: ReplaySnapshot): void {
    this.latest = snapshot;
    if (!this.wants(snapshot.frame.epoch)) return;
    this.kept.push(snapshot);
    // One slot stays free for the latest snapshot, which need not fall on the stride.
    while (this.kept.length > this.capacity - 1) {
      this.stride *= 2;
      this.kept = this.kept.filter((s) => s.frame.epoch % this.stride === 0);
    }
  }

  /** The snapshots to store, in epoch order. */
  snapshots(): ReplaySnapshot[] {
    const latest = this.latest;
    if (!latest || this.kept.includes(latest)) return [...this.kept];
    return [...this.kept, latest];
  }
}
