import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { plural } from '../../format/number';
import type { PushedRun, PushProgress, PushResult } from '../../io';
import { errorMessage, type AppServices } from '../services';
import './mlflow-outbox';
import { mlflowStyles } from './mlflow-styles';

type Phase =
  | { kind: 'idle' }
  | { kind: 'pushing'; progress: PushProgress | null }
  | { kind: 'done'; result: PushResult; names: Map<string, string> }
  | { kind: 'waiting' }
  | { kind: 'failed'; error: string };

function describe(run: PushedRun): string {
  if (run.status === 'failed') return `failed: ${run.error ?? ''}`;
  if (run.status === 'unchanged') return 'unchanged (the server had all of it)';
  const parts = [
    plural(run.metricPoints, 'metric point'),
    plural(run.params, 'param'),
    plural(run.tags, 'tag'),
    plural(run.artifacts, 'artifact'),
  ];
  return `${run.status}: sent ${parts.join(', ')}`;
}

/**
 * "Push to MLflow": sends the given runs to the MLflow server set in Settings, with progress, Cancel, and a line
 * per run (created, updated, unchanged or failed, and why). A push the network or server cut short waits in the
 * outbox ("Waiting to push", shown below) and is retried on its own.
 */
@customElement('mlflow-push')
export class MlflowPush extends LitElement {
  static styles = mlflowStyles;

  @property({ attribute: false }) services!: AppServices;
  @property({ attribute: false }) runIds: string[] = [];
  @property() label = 'Push to MLflow';
  @property({ type: Boolean }) disabled = false;
  /** Show "Waiting to push" under the button; off where another push element on the page already shows it. */
  @property({ type: Boolean }) showOutbox = true;
  @state() private phase: Phase = { kind: 'idle' };
  private controller: AbortController | null = null;

  private async push(): Promise<void> {
    const mlflow = this.services.mlflow;
    if (!mlflow) return;
    if (!mlflow.settings.url) {
      this.phase = {
        kind: 'failed',
        error: 'No MLflow server is set yet. Enter its address in Settings → MLflow server (#/settings).',
      };
      return;
    }
    this.controller = new AbortController();
    this.phase = { kind: 'pushing', progress: null };
    const runIds = [...this.runIds];
    try {
      const outcome = await mlflow.push(runIds, {
        signal: this.controller.signal,
        onProgress: (progress) => (this.phase = { kind: 'pushing', progress }),
      });
      if (outcome.state === 'waiting') {
        this.phase = { kind: 'waiting' };
        return;
      }
      const runs = await Promise.all(runIds.map((id) => this.services.tracking.getRun(id).catch(() => null)));
      const names = new Map(runs.filter((r) => r !== null).map((r) => [r.info.runId, r.info.runName]));
      this.phase = { kind: 'done', result: outcome.result, names };
    } catch (error) {
      this.phase =
        (error as Error).name === 'AbortError' ? { kind: 'idle' } : { kind: 'failed', error: errorMessage(error) };
    } finally {
      this.controller = null;
    }
  }

  private renderPhase() {
    const p = this.phase;
    switch (p.kind) {
      case 'pushing': {
        const progress = p.progress;
        return html`<div class="panel">
          <progress aria-label="Push progress" max=${progress?.total || 1} value=${progress?.done ?? 0}></progress>
          <div class="row">
            <span role="status">${progress ? `Pushing run ${Math.min(progress.done + 1, progress.total)} of ${progress.total} · ${plural(progress.metricPoints, 'metric point')} sent` : 'Connecting…'}</span>
            <button @click=${() => this.controller?.abort()}>Cancel</button>
          </div>
        </div>`;
      }
      case 'done':
        return html`<div class="panel">
          <ul aria-label="Push results">
            ${p.result.runs.map((r) => html`<li class=${r.status === 'failed' ? 'error' : ''}>${p.names.get(r.runId) ?? r.runId}: ${describe(r)}</li>`)}
            ${p.result.models.map(
              (m) =>
                html`<li>Model ${m.name} version ${m.version} → server version ${m.remoteVersion}${m.aliases.length ? ` (${m.aliases.map((a) => `@${a}`).join(', ')})` : ''}: ${m.status}</li>`,
            )}
          </ul>
          <div class="row"><button @click=${() => (this.phase = { kind: 'idle' })}>Close</button></div>
        </div>`;
      case 'waiting':
        // The reason is shown once, in the outbox entry below.
        return html`<div class="panel">
          <p class="warn" role="status">Not sent yet: the push waits in “Waiting to push” and is retried on its own.</p>
        </div>`;
      case 'failed':
        return html`<div class="panel"><p class="error" role="alert">${p.error}</p><div class="row"><button @click=${() => (this.phase = { kind: 'idle' })}>Close</button></div></div>`;
      default:
        return nothing;
    }
  }

  render() {
    if (!this.services.mlflow) return nothing;
    const pushing = this.phase.kind === 'pushing';
    return html`
      <button ?disabled=${this.disabled || pushing || this.runIds.length === 0} @click=${() => void this.push()}>${this.label}</button>
      ${this.renderPhase()}
      ${this.showOutbox ? html`<mlflow-outbox .services=${this.services}></mlflow-outbox>` : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mlflow-push': MlflowPush;
  }
}
