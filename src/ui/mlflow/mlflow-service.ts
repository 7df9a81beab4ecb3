import type { ImportSummary, PushOutcome, PushProgress, ServerCheck } from '../../io';
import type { OutboxEntry } from '../../tracking';

/** The MLflow server as the person set it in Settings. The password is kept only when `remember` is ticked. */
export interface MlflowSettings {
  url: string;
  username: string;
  password: string;
  remember: boolean;
}

/**
 * What pages get to talk to an MLflow tracking server: the settings, a push that goes through the outbox (so it
 * survives being offline or cut off), a pull, and the outbox itself. The app implements it (src/app).
 */
export interface MlflowService {
  readonly settings: MlflowSettings;
  saveSettings(settings: MlflowSettings): Promise<void>;
  /** The server's version and experiments; rejects with an MlflowError that says what to change. */
  check(signal?: AbortSignal): Promise<ServerCheck>;
  push(
    runIds: string[],
    options?: { signal?: AbortSignal; onProgress?: (progress: PushProgress) => void },
  ): Promise<PushOutcome>;
  pull(
    experimentIds: string[],
    options: {
      onExisting: 'skip' | 'replace';
      signal?: AbortSignal;
      onProgress?: (progress: { phase: 'reading' | 'writing'; done: number; total: number }) => void;
    },
  ): Promise<ImportSummary>;
  /** Calls `listener` now and whenever the waiting pushes change; returns the unsubscribe function. */
  subscribeOutbox(listener: (entries: OutboxEntry[]) => void): () => void;
  retryNow(): Promise<void>;
  cancel(entryId: number): Promise<void>;
}
