import type { MlflowServer, PushOutbox } from '../io/mlflow';
import { listOutbox, observe, type TrackingClient } from '../tracking';
import type { MlflowService, MlflowSettings } from '../ui/mlflow/mlflow-service';

const SETTINGS_KEY = 'mlflow.server';

/**
 * The MLflow client (REST, push, pull, YAML for MLmodel files) loads on first use: most visits never talk to a
 * server, and the first page's scripts stay within the cold-start budget.
 */
let mlflowClient: Promise<typeof import('../io/mlflow')> | undefined;
function loadMlflowClient() {
  return (mlflowClient ??= import('../io/mlflow'));
}

/**
 * The page's MLflow connection: settings in the tracking preferences (the password only when the person asked to
 * remember it; otherwise it lives in this object until the tab closes), pushes through the IndexedDB outbox, and
 * the outbox's retries at start, on `online` and on its backoff timer. Requests go from the page itself: the
 * document's CSP allows connect-src http(s) for this, the workers' stays 'self'.
 */
export class MlflowConnection implements MlflowService {
  settings: MlflowSettings = { url: '', username: '', password: '', remember: false };
  private outboxReady: Promise<PushOutbox> | null = null;

  private constructor(private readonly tracking: TrackingClient) {}

  static async open(tracking: TrackingClient): Promise<MlflowConnection> {
    const connection = new MlflowConnection(tracking);
    const saved = await tracking.getPreference<Partial<MlflowSettings>>(SETTINGS_KEY);
    if (saved) connection.settings = { ...connection.settings, ...saved, password: saved.password ?? '' };
    // Pushes waiting from an earlier visit are retried now (which loads the client); otherwise it waits for a use.
    if ((await listOutbox(tracking)).length > 0)
      void connection.outbox().then(
        (outbox) => outbox.start(),
        () => {},
      );
    window.addEventListener('online', () => void connection.outboxReady?.then((outbox) => outbox.retry(true)));
    return connection;
  }

  /**
   * The outbox, made the first time it is needed. Only waiting pushes from an earlier visit start its retry pass
   * (open): a pass started beside a new push would send that push a second time.
   */
  private outbox(): Promise<PushOutbox> {
    return (this.outboxReady ??= loadMlflowClient().then(
      ({ PushOutbox }) => new PushOutbox(this.tracking, { serverFor: (url) => this.serverFor(url) }),
    ));
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

  async check(signal?: AbortSignal) {
    const server = this.server();
    return (await loadMlflowClient()).checkServer(server, { signal });
  }

  async push(runIds: string[], options: Parameters<MlflowService['push']>[1] = {}) {
    const server = this.server();
    return (await this.outbox()).push(server, runIds, options);
  }

  async pull(experimentIds: string[], options: Parameters<MlflowService['pull']>[1]) {
    const server = this.server();
    return (await loadMlflowClient()).pullRuns(this.tracking, server, { experimentIds, ...options });
  }

  subscribeOutbox(listener: Parameters<MlflowService['subscribeOutbox']>[0]): () => void {
    const subscription = observe(() => listOutbox(this.tracking)).subscribe({
      next: listener,
      error: () => listener([]),
    });
    return () => subscription.unsubscribe();
  }

  async retryNow() {
    return (await this.outbox()).retry(true);
  }

  async cancel(entryId: number) {
    return (await this.outbox()).cancel(entryId);
  }
}
