import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { plural } from '../../format/number';
import type { ImportSummary, ServerCheck } from '../../io';
import { errorMessage, type AppServices } from '../services';
import { mlflowStyles } from './mlflow-styles';

type Phase =
  | { kind: 'closed' }
  | { kind: 'listing' }
  | { kind: 'choosing'; server: ServerCheck }
  | { kind: 'pulling'; done: number; total: number }
  | { kind: 'done'; summary: ImportSummary }
  | { kind: 'failed'; error: string };

/**
 * The Import dialog's "From an MLflow server": lists the server's experiments, lets the person choose, and pulls
 * their runs (histories, artifacts, registry entries) in one all-or-nothing write.
 *
 * @fires import-complete - detail: the ImportSummary, as the zip import fires it.
 */
@customElement('mlflow-pull')
export class MlflowPull extends LitElement {
  static styles = mlflowStyles;

  @property({ attribute: false }) services!: AppServices;
  /** What to do with a run id that already exists here. */
  @property() onExisting: 'skip' | 'replace' = 'skip';
  @state() private phase: Phase = { kind: 'closed' };
  @state() private chosen = new Set<string>();
  private controller: AbortController | null = null;

  private async list(): Promise<void> {
    this.phase = { kind: 'listing' };
    try {
      this.phase = { kind: 'choosing', server: await this.services.mlflow!.check() };
    } catch (error) {
      this.phase = { kind: 'failed', error: errorMessage(error) };
    }
  }

  private toggle(id: string, on: boolean): void {
    const next = new Set(this.chosen);
    if (on) next.add(id);
    else next.delete(id);
    this.chosen = next;
  }

  private async pull(): Promise<void> {
    this.controller = new AbortController();
    this.phase = { kind: 'pulling', done: 0, total: 0 };
    try {
      const summary = await this.services.mlflow!.pull([...this.chosen], {
        onExisting: this.onExisting,
        signal: this.controller.signal,
        onProgress: (p) => (this.phase = { kind: 'pulling', done: p.done, total: p.total }),
      });
      this.phase = { kind: 'done', summary };
      this.dispatchEvent(new CustomEvent('import-complete', { detail: summary, bubbles: true, composed: true }));
    } catch (error) {
      this.phase =
        (error as Error).name === 'AbortError' ? { kind: 'closed' } : { kind: 'failed', error: errorMessage(error) };
    } finally {
      this.controller = null;
    }
  }

  private renderPhase() {
    const p = this.phase;
    switch (p.kind) {
      case 'listing':
        return html`<p role="status">Asking the server for its experiments…</p>`;
      case 'choosing':
        return html`<fieldset class="panel">
          <legend>Remote experiments at ${p.server.url}</legend>
          ${p.server.experiments.length === 0 ? html`<p class="muted">The server has no experiments yet.</p>` : nothing}
          ${p.server.experiments.map(
            (e) =>
              html`<label class="row"><input type="checkbox" .checked=${this.chosen.has(e.experimentId)} @change=${(ev: Event) => this.toggle(e.experimentId, (ev.target as HTMLInputElement).checked)} /> ${e.name}</label>`,
          )}
          <div class="row"><button class="primary" ?disabled=${this.chosen.size === 0} @click=${() => void this.pull()}>Pull</button></div>
        </fieldset>`;
      case 'pulling':
        return html`<div class="panel">
          <progress aria-label="Pull progress" max=${p.total || 1} value=${p.done}></progress>
          <div class="row"><span role="status">Pulling run ${Math.min(p.done + 1, Math.max(p.total, 1))} of ${p.total || '…'}</span><button @click=${() => this.controller?.abort()}>Cancel</button></div>
        </div>`;
      case 'done': {
        const s = p.summary;
        return html`<p class="ok" role="status">
          Pulled ${plural(s.runs, 'run')} with ${plural(s.metricPoints, 'metric point')}, ${plural(s.artifacts, 'artifact')} and ${plural(s.models, 'model version')}${s.skipped.length ? `; skipped ${plural(s.skipped.length, 'item')} already here` : ''}.
        </p>`;
      }
      case 'failed':
        return html`<p class="error" role="alert">${p.error}</p>`;
      default:
        return nothing;
    }
  }

  render() {
    const mlflow = this.services.mlflow;
    if (!mlflow) return nothing;
    if (!mlflow.settings.url)
      return html`<p class="muted">To pull from an MLflow server, set its address in Settings → MLflow server.</p>`;
    return html`
      <button ?disabled=${this.phase.kind === 'listing' || this.phase.kind === 'pulling'} @click=${() => void this.list()}>From an MLflow server</button>
      ${this.renderPhase()}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mlflow-pull': MlflowPull;
  }
}
