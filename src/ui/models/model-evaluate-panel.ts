import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { DIGITS_FILE } from '../../ml/digits';
import type { GeneratorName } from '../../ml/generators';
import type { ImageFolderFiles } from '../../ml/image-folder';
import type { EvaluationChoice, EvaluationResult, ModelDescription } from '../../ml/predict-api';
import '../images/image-folder-picker';
import type { FolderChangeDetail } from '../images/image-folder-picker';
import type { AppServices } from '../services';
import './dataset-picker';
import type { GeneratedChoice } from './dataset-picker';
import { matchingGenerators } from './matching-generators';
import { failureText } from './model-call';
import { ModelUriController } from './model-uri-controller';
import { touchTargets } from '../primitives/touch-targets';
import { formatNumber } from '../../format';
import { runHref } from '../links';

type Source = 'generated' | 'csv' | 'digits-test' | 'image-folder';

/**
 * MLflow's evaluate for a stored model: a table model on a seeded generated dataset or an uploaded CSV (with the
 * target column); an image model on the Digits test split it was trained with or an uploaded image folder. The
 * worker logs an evaluation run with the metrics (per class for images), a confusion matrix and tags linking the
 * model version.
 */
@customElement('model-evaluate-panel')
export class ModelEvaluatePanel extends LitElement {
  static styles = [
    touchTargets,
    css`
    :host { display: grid; gap: 10px; }
    fieldset { border: 1px solid var(--tf-color-border); border-radius: 6px; display: grid; gap: 8px; padding: 8px 12px; }
    legend { font-size: var(--tf-font-size); color: var(--tf-color-text-muted); }
    .choice { font-size: var(--tf-font-size); display: flex; gap: 6px; align-items: center; }
    label.file { font-size: var(--tf-font-size); color: var(--tf-color-text-muted); display: grid; gap: 4px; }
    button { justify-self: start; font: inherit; padding: 6px 14px; border-radius: 6px; border: 1px solid var(--tf-color-success); background: var(--tf-color-success); color: var(--tf-color-on-accent); cursor: pointer; }
    button[disabled] { opacity: 0.6; cursor: default; }
    .error { color: var(--tf-color-danger); margin: 0; white-space: pre-wrap; }
    .note { color: var(--tf-color-text-muted); margin: 0; }
    table { border-collapse: collapse; font-size: var(--tf-font-size); }
    th, td { text-align: left; padding: 3px 12px 3px 0; }
  `,
  ];

  @property({ attribute: false }) services!: AppServices;
  @property() modelUri = '';
  @state() private model: ModelDescription | null = null;
  @state() private source: Source = 'generated';
  @state() private generated: GeneratedChoice = {
    kind: 'generated',
    generator: 'spiral',
    numPoints: 300,
    noise: 0,
    seed: 7,
  };
  @state() private file: File | null = null;
  @state() private folder: ImageFolderFiles | null = null;
  @state() private result: EvaluationResult | null = null;
  @state() private error = '';
  @state() private busy = false;
  private readonly loader = new ModelUriController(this, () => this.load());

  private async load(): Promise<void> {
    if (!this.services.predict) {
      this.error = 'Evaluation needs Web Workers, which this browser does not offer here.';
      return;
    }
    try {
      this.model = await this.services.predict.describeModel(this.loader.signal, this.modelUri);
      if (this.model.imageData) {
        this.source = this.model.imageData === 'digits' ? 'digits-test' : 'image-folder';
        return;
      }
      const generators = matchingGenerators(this.model.signature);
      if (generators.length) this.generated = { ...this.generated, generator: generators[0] };
      else this.source = 'csv';
    } catch (error) {
      this.error = failureText('Could not load the model', error) ?? '';
    }
  }

  private async evaluate(): Promise<void> {
    const predict = this.services.predict;
    if (!predict) return;
    this.error = '';
    this.result = null;
    if (this.source === 'csv' && !this.file) {
      this.error = 'Choose a CSV file to evaluate on.';
      return;
    }
    if (this.source === 'image-folder' && !this.folder) {
      this.error = 'Choose a folder of pictures with one subfolder per class (or a zip of it) to evaluate on.';
      return;
    }
    this.busy = true;
    try {
      const dataset = await this.choice();
      this.result = await predict.evaluate(this.loader.signal, this.modelUri, dataset);
    } catch (error) {
      this.error = failureText('Could not evaluate', error) ?? '';
    } finally {
      this.busy = false;
    }
  }

  private async choice(): Promise<EvaluationChoice> {
    switch (this.source) {
      case 'csv':
        return { kind: 'csv', fileName: this.file!.name, text: await this.file!.text() };
      case 'digits-test':
        return { kind: 'digits-test', url: new URL(DIGITS_FILE, document.baseURI).href };
      case 'image-folder':
        return { kind: 'image-folder', folder: this.folder! };
      case 'generated':
        return this.generated;
    }
  }

  private renderImageSources() {
    const digits = this.model?.imageData === 'digits';
    return html`
      ${digits ? this.radio('digits-test', 'The Digits test split (the images the training run held out)') : ''}
      ${this.radio('image-folder', 'An image folder (one subfolder per class)')}
      ${
        this.source === 'image-folder'
          ? html`<image-folder-picker sizeFixed @folder-change=${(e: CustomEvent<FolderChangeDetail>) => (this.folder = e.detail.folder)}></image-folder-picker>`
          : ''
      }
    `;
  }

  private renderTableSources(generators: readonly GeneratorName[]) {
    const signature = this.model?.signature;
    return html`
      ${this.radio('generated', 'A generated dataset (seeded)', generators.length === 0)}
      ${
        this.source === 'generated'
          ? html`<dataset-picker .value=${this.generated} .generators=${generators} @dataset-change=${(e: CustomEvent<GeneratedChoice>) => (this.generated = e.detail)}></dataset-picker>`
          : ''
      }
      ${this.radio('csv', 'A CSV file')}
      ${
        this.source === 'csv'
          ? html`<label class="file">CSV file with the columns ${[...(signature?.featureNames ?? []), signature?.targetName ?? ''].join(', ')}
            <input type="file" accept=".csv,text/csv" @change=${(e: Event) => (this.file = (e.target as HTMLInputElement).files?.[0] ?? null)} />
          </label>`
          : ''
      }
    `;
  }

  private radio(value: Source, label: string, disabled = false) {
    return html`<label class="choice"><input type="radio" name="source" .checked=${this.source === value} ?disabled=${disabled} @change=${() => (this.source = value)} />${label}</label>`;
  }

  render() {
    const signature = this.model?.signature;
    const generators = signature ? matchingGenerators(signature) : [];
    const r = this.result;
    return html`
      <fieldset>
        <legend>Evaluate on</legend>
        ${this.model?.imageData ? this.renderImageSources() : this.renderTableSources(generators)}
      </fieldset>
      <button ?disabled=${this.busy || !signature} @click=${() => void this.evaluate()}>${this.busy ? 'Evaluating…' : 'Evaluate'}</button>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${
        r
          ? html`<div role="status">
            <p>Evaluation run <a href=${runHref(r.runId)}>${r.runName}</a> logged.</p>
            <table aria-label="Evaluation metrics">
              <tbody>${Object.entries(r.metrics).map(([k, v]) => html`<tr><th scope="row">${k}</th><td>${formatNumber(v)}</td></tr>`)}</tbody>
            </table>
          </div>`
          : ''
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'model-evaluate-panel': ModelEvaluatePanel;
  }
}
