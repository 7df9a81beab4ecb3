import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { plural } from '../../format/number';
import type { OutboxEntry } from '../../tracking';
import { errorMessage, type AppServices } from '../services';
import { mlflowStyles } from './mlflow-styles';

/**
 * "Waiting to push": pushes to an MLflow server that could not finish (offline, server down, cut off), kept in
 * IndexedDB and retried on their own. Shows nothing while none waits.
 */
@customElement('mlflow-outbox')
export class MlflowOutbox extends LitElement {
  static styles = mlflowStyles;

  @property({ attribute: false }) services!: AppServices;
  @state() private entries: OutboxEntry[] = [];
  @state() private busy = false;
  @state() private error = '';
  private unsubscribe: (() => void) | null = null;

  connectedCallback(): void {
    super.connectedCallback();
    this.unsubscribe = this.services.mlflow?.subscribeOutbox((entries) => (this.entries = entries)) ?? null;
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
  }

  private async act(action: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.error = '';
    try {
      await action();
    } catch (error) {
      this.error = errorMessage(error);
    } finally {
      this.busy = false;
    }
  }

  render() {
    const mlflow = this.services.mlflow;
    if (!mlflow || this.entries.length === 0) return nothing;
    return html`<section class="panel" aria-labelledby="outbox-title">
      <div class="row">
        <h3 id="outbox-title">Waiting to push</h3>
        <button ?disabled=${this.busy} @click=${() => void this.act(() => mlflow.retryNow())}>Retry now</button>
      </div>
      <ul>
        ${this.entries.map(
          (e) => html`<li>
            ${plural(e.runIds.length, 'run')} to ${e.serverUrl}${e.attempts > 0 ? html` · tried ${plural(e.attempts, 'time')}, next try ${new Date(e.nextAttemptAt).toLocaleTimeString()}` : nothing}
            <button aria-label=${`Cancel the push of ${plural(e.runIds.length, 'run')} to ${e.serverUrl}`} ?disabled=${this.busy} @click=${() => void this.act(() => mlflow.cancel(e.id))}>Cancel</button>
            ${e.lastError ? html`<p class="muted">${e.lastError}</p>` : nothing}
          </li>`,
        )}
      </ul>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mlflow-outbox': MlflowOutbox;
  }
}
