import { observe, type TrackingClient } from '../../tracking';

/**
 * Asks the browser to keep tabflow's data (navigator.storage.persist) when the first training starts, so that
 * the request comes when there is something worth keeping, and from the page: workers cannot ask.
 * Browsers may decline; Settings shows the outcome and lets the user ask again.
 */
export function persistStorageOnFirstTraining(tracking: TrackingClient): void {
  const storage = navigator.storage;
  if (!storage?.persist || !storage.persisted) return;
  void storage.persisted().then(
    (alreadyPersistent) => {
      if (alreadyPersistent) return;
      let asked = false;
      // An indexed count: a query that read every run would re-run on every metric flush of every training.
      const running = observe(() => tracking.countRunsWithStatus('RUNNING'));
      const subscription = running.subscribe({
        next: (count) => {
          if (asked || count === 0) return;
          asked = true;
          subscription.unsubscribe();
          // The answer is shown in Settings; a refusal is the browser's policy, not an error to report.
          void storage.persist().catch(() => false);
        },
      });
    },
    () => {},
  );
}
