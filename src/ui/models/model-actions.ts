import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { runModelUri, type ModelVersion } from '../../tracking';
import { LiveQueryController } from '../live-query-controller';
import { errorMessage, type AppServices } from '../services';
import { downloadModel } from './download-model';
import './model-evaluate-panel';
import './model-predict-panel';
import './register-model-form';
import { touchTargets } from '../primitives/touch-targets';
import { modelHref } from '../links';

type Panel = 'register' | 'predict' | 'evaluate' | null;

/**
 * What can be done with a stored model, for a run page (`.runId`, `.artifactPath`) or a model version
 * (`.modelUri = 'models:/name/3'`): register it, download it as tfjs files, predict with it, evaluate it.
 * Needs `.services` (tracking and predict).
 */
@customElement('model-actions')
export class ModelActions extends LitElement {
  static styles = [
    touchTargets,
    css`
    :host { display: grid; gap: 12px; }
    .bar { display: flex; gap: 8px; flex-wrap: wrap; }
    .bar button { font: inherit; font-size: var(--tf-font-size); padding: 5px 12px; border-radius: 6px; border: 1px solid var(--tf-color-border); background: var(--tf-color-surface-2); cursor: pointer; }
    .bar button[aria-expanded='true'] { background: color-mix(in srgb, var(--tf-color-accent) 12%, var(--tf-color-surface)); border-color: var(--tf-color-accent); }
    .panel { border: 1px solid var(--tf-color-border); border-radius: 6px; padding: 12px 16px; background: var(--tf-color-surface); }
    .error { color: var(--tf-color-danger); margin: 0; }
    .note { color: var(--tf-color-text-muted); margin: 0; }
  `,
  ];

  @property({ attribute: false }) services!: AppServices;
  /** The run whose model is meant (with artifactPath); ignored when modelUri is set. */
  @property() runId = '';
  @property() artifactPath = 'model';
  /** A models:/ or runs:/ URI, e.g. on a model version's page. */
  @property() modelUri = '';
  @state() private open: Panel = null;
  @state() private message = '';
  @state() private error = '';
  /** The registered versions made from this run's model: the run's side of the run ↔ version link. */
  private registered = new LiveQueryController<ModelVersion[]>(this);
  private shownRun = '';

  protected willUpdate(): void {
    const key = this.modelUri ? '' : `${this.runId}/${this.artifactPath}`;
    if (key === this.shownRun) return;
    this.shownRun = key;
    const { runId, artifactPath } = this;
    if (key)
      this.registered.setQuery(async () =>
        (await this.services.tracking.searchModelVersions({ runId })).filter((v) => v.artifactPath === artifactPath),
      );
  }

  private get uri(): string {
    return this.modelUri || (this.runId ? runModelUri(this.runId, this.artifactPath) : '');
  }

  private toggle(panel: Exclude<Panel, null>): void {
    this.open = this.open === panel ? null : panel;
  }

  private async download(): Promise<void> {
    this.error = '';
    this.message = '';
    try {
      const files = await downloadModel(this.services.tracking, this.uri);
      this.message = `Downloaded ${files.join(' and ')}: load them with tf.loadLayersModel.`;
    } catch (error) {
      this.error = `Could not download the model: ${errorMessage(error)}`;
    }
  }

  private renderRegistered() {
    const versions = this.modelUri ? [] : (this.registered.value ?? []);
    if (versions.length === 0) return '';
    return html`<p class="note">Registered as
      ${versions.map((v, i) => html`${i ? ', ' : ''}<a href=${modelHref(v.name, v.version)}>${v.name} version ${v.version}</a>`)}.</p>`;
  }

  render() {
    if (!this.uri) return html``;
    const button = (panel: Exclude<Panel, null>, label: string) =>
      html`<button aria-expanded=${this.open === panel ? 'true' : 'false'} @click=${() => this.toggle(panel)}>${label}</button>`;
    return html`
      <div class="bar" role="toolbar" aria-label="Model actions">
        ${this.modelUri ? '' : button('register', 'Register model')}
        <button @click=${() => void this.download()}>Download model</button>
        ${button('predict', 'Predict')} ${button('evaluate', 'Evaluate')}
      </div>
      ${this.renderRegistered()}
      ${this.message ? html`<p class="note" role="status">${this.message}</p>` : ''}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${
        this.open === 'register'
          ? html`<div class="panel"><register-model-form .services=${this.services} .runId=${this.runId} .artifactPath=${this.artifactPath}></register-model-form></div>`
          : ''
      }
      ${this.open === 'predict' ? html`<div class="panel"><model-predict-panel .services=${this.services} .modelUri=${this.uri}></model-predict-panel></div>` : ''}
      ${this.open === 'evaluate' ? html`<div class="panel"><model-evaluate-panel .services=${this.services} .modelUri=${this.uri}></model-evaluate-panel></div>` : ''}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'model-actions': ModelActions;
  }
}
