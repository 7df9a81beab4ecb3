import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ServerCheck } from '../../io';
import '../mlflow/mlflow-outbox';
import type { MlflowSettings } from '../mlflow/mlflow-service';
import { errorMessage, type AppServices } from '../services';
import { sectionStyles } from './settings-styles';

/**
 * Settings → "MLflow server": where runs are pushed and pulled from. The password stays in memory for this tab
 * unless "Remember on this device" is ticked; "Test connection" asks the server and says what to change if it
 * refuses. Also shows the pushes waiting for it.
 */
@customElement('mlflow-section')
export class MlflowSection extends LitElement {
  static styles = [
    sectionStyles,
    css`
      form { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: var(--tf-space-2) var(--tf-space-3); align-items: center; max-width: 640px; }
      input[type='url'], input[type='text'], input[type='password'] { font: inherit; padding: var(--tf-space-1) var(--tf-space-2); border: 1px solid var(--tf-color-border); border-radius: var(--tf-radius-sm); background: var(--tf-color-bg); color: var(--tf-color-text); min-width: 0; }
      .check { grid-column: 2; display: flex; gap: var(--tf-space-2); align-items: center; }
      .error { color: var(--tf-color-danger); white-space: pre-wrap; overflow-wrap: anywhere; }
      @media (max-width: 719px) { form { grid-template-columns: 1fr; } .check { grid-column: 1; } }
    `,
  ];

  @property({ attribute: false }) services!: AppServices;
  @state() private draft: MlflowSettings = { url: '', username: '', password: '', remember: false };
  @state() private checking = false;
  @state() private result: { ok: ServerCheck } | { error: string } | null = null;

  connectedCallback(): void {
    super.connectedCallback();
    if (this.services.mlflow) this.draft = { ...this.services.mlflow.settings };
  }

  private async change(patch: Partial<MlflowSettings>): Promise<void> {
    this.draft = { ...this.draft, ...patch };
    this.result = null;
    await this.services.mlflow?.saveSettings(this.draft);
  }

  private async test(): Promise<void> {
    const mlflow = this.services.mlflow;
    if (!mlflow) return;
    this.checking = true;
    this.result = null;
    try {
      await mlflow.saveSettings(this.draft);
      this.result = { ok: await mlflow.check() };
    } catch (error) {
      this.result = { error: errorMessage(error) };
    } finally {
      this.checking = false;
    }
  }

  private renderResult() {
    const r = this.result;
    if (!r) return nothing;
    if ('error' in r) return html`<p class="error" role="alert">${r.error}</p>`;
    return html`<p class="ok" role="status">Connected to MLflow ${r.ok.version} at ${r.ok.url}: ${r.ok.experiments.length} experiment${r.ok.experiments.length === 1 ? '' : 's'}.</p>`;
  }

  render() {
    if (!this.services.mlflow) return nothing;
    const d = this.draft;
    const value = (e: Event) => (e.target as HTMLInputElement).value;
    return html`
      <h2>MLflow server</h2>
      <p>
        Push runs to your team's MLflow tracking server and pull its runs into this browser. Nothing is sent anywhere
        until you set a server here. Start it so this page may talk to it:
        <code>mlflow server --serve-artifacts --cors-allowed-origins ${location.origin}</code>.
      </p>
      <form @submit=${(e: Event) => (e.preventDefault(), void this.test())}>
        <label for="mlflow-url">Server URL</label>
        <input id="mlflow-url" type="url" placeholder="http://127.0.0.1:5000" .value=${d.url} @change=${(e: Event) => void this.change({ url: value(e) })} />
        <label for="mlflow-user">User name</label>
        <input id="mlflow-user" type="text" autocomplete="username" .value=${d.username} @change=${(e: Event) => void this.change({ username: value(e) })} />
        <label for="mlflow-password">Password</label>
        <input id="mlflow-password" type="password" autocomplete="current-password" .value=${d.password} @change=${(e: Event) => void this.change({ password: value(e) })} />
        <label class="check"><input type="checkbox" .checked=${d.remember} @change=${(e: Event) => void this.change({ remember: (e.target as HTMLInputElement).checked })} /> Remember on this device</label>
      </form>
      <p class="muted">Without “Remember on this device” the password is forgotten when this tab closes.</p>
      <div class="actions"><button class="primary" ?disabled=${this.checking} @click=${() => void this.test()}>Test connection</button></div>
      ${this.checking ? html`<p role="status">Asking the server…</p>` : this.renderResult()}
      <mlflow-outbox .services=${this.services}></mlflow-outbox>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mlflow-section': MlflowSection;
  }
}
