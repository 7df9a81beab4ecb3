import { PushOutbox, pullRuns, checkServer, type MlflowServer } from '../io';
import { listOutbox, observe, type TrackingClient } from '../tracking';
import type { MlflowService, MlflowSettings } from '../ui/mlflow/mlflow-service';

const SETTINGS_KEY = 'mlflow.server';

/**
 * The page's MLflow connection: settings in the tracking preferences (the password only when the person asked to
 * remember it; otherwise it lives in this object until the tab closes), pushes through the IndexedDB outbox, and
 * the outbox's retries at start, on `online` and on its backoff timer. Requests go from the page itself: the
 * document's CSP allows connect-src http(s) for this, the workers' stays 'self'.
 */
export class MlflowConnection implements MlflowService {
  settings: MlflowSettings = { url: '', username: '', password: '', remember: false };
  private readonly outbox: PushOutbox;

  private constructor(private readonly tracking: TrackingClient) {
    this.outbox = new PushOutbox(tracking, { serverFor: (url) => this.serverFor(url) });
  }

  static async open(tracking: TrackingClient): Promise<MlflowConnection> {
    const connection = new MlflowConnection(tracking);
    const saved = await tracking.getPreference<Partial<MlflowSettings>>(SETTINGS_KEY);
    if (saved) connection.settings = { ...connection.settings, ...saved, password: saved.password ?? '' };
    connection.outbox.start();
    window.addEventListener('online', () => void connection.outbox.retry(true));
    return connection;
  }

  async saveSettings(settings: MlflowSettings): Promise<void> {
    this.settings = { ...settings, url: settings.url.trim() };
    const stored: Partial<MlflowSettings> = {
      url: this.settings.url,
      username: settings.username,
      remember: settings.remember,
    };
    if (settings.remember) stored.password = settings.password;
    await this.tracking.setPreference(SETTINGS_KEY, stored);
  }

  private server(): MlflowServer {
    if (!this.settings.url)
      throw new Error('No MLflow server is set yet. Enter its address in Settings → MLflow server.');
    return this.serverFor(this.settings.url);
  }

  /** A waiting push to the configured server uses today's credentials; one to an older address goes without. */
  private serverFor(url: string): MlflowServer {
    const same = url.replace(/\/+$/, '') === this.settings.url.replace(/\/+$/, '');
    return same && this.settings.username
      ? { url, username: this.settings.username, password: this.settings.password }
      : { url };
  }

  check(signal?: AbortSignal) {
    return checkServer(this.server(), { signal });
  }

  push(runIds: string[], options: Parameters<MlflowService['push']>[1] = {}) {
    return this.outbox.push(this.server(), runIds, options);
  }

  pull(experimentIds: string[], options: Parameters<MlflowService['pull']>[1]) {
    return pullRuns(this.tracking, this.server(), { experimentIds, ...options });
  }

  subscribeOutbox(listener: Parameters<MlflowService['subscribeOutbox']>[0]): () => void {
    const subscription = observe(() => listOutbox(this.tracking)).subscribe({
      next: listener,
      error: () => listener([]),
    });
    return () => subscription.unsubscribe();
  }

  retryNow() {
    return this.outbox.retry(true);
  }

  cancel(entryId: number) {
    return this.outbox.cancel(entryId);
  }
}
