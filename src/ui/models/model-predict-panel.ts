import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { BoundaryResult, ModelDescription, PointPrediction } from '../../ml/predict-api';
import { classNamesOf } from '../../ml/model-signature';
import type { AppServices } from '../services';
import './boundary-plot';
import type { PlotPoint } from './boundary-plot';
import './csv-predictions';
import './class-legend';
import './dataset-picker';
import type { GeneratedChoice } from './dataset-picker';
import { matchingGenerators } from './matching-generators';
import { failureText } from './model-call';
import { ModelUriController } from './model-uri-controller';
import { touchTargets } from '../primitives/touch-targets';

/** Grid cells per side of the decision boundary: finer than this is invisible at the plot's size. */
const GRID_SIZE = 72;

/**
 * Predictions with a stored model: on a plot of a seeded dataset of the person's choice with the model's
 * decision boundary (click anywhere for the prediction there), or on an uploaded CSV.
 */
@customElement('model-predict-panel')
export class ModelPredictPanel extends LitElement {
  static styles = [
    touchTargets,
    css`
    :host { display: grid; gap: 16px; }
    h3 { font-size: var(--tf-font-size-lg); margin: 0 0 8px; }
    .row { display: flex; gap: 16px; flex-wrap: wrap; align-items: start; }
    .side { display: grid; gap: 8px; min-width: 220px; }
    .plot { display: grid; gap: var(--tf-space-2); }
    button { justify-self: start; font: inherit; padding: 4px 12px; border-radius: 6px; border: 1px solid var(--tf-color-border); background: var(--tf-color-surface-2); cursor: pointer; }
    label { font-size: var(--tf-font-size-sm); color: var(--tf-color-text-muted); display: inline-flex; flex-direction: column; gap: 2px; }
    input { font: inherit; font-size: var(--tf-font-size); width: 90px; padding: 4px 6px; border: 1px solid var(--tf-color-border); border-radius: 6px; }
    .error { color: var(--tf-color-danger); margin: 0; white-space: pre-wrap; }
    .note { color: var(--tf-color-text-muted); margin: 0; }
    .prediction { font-size: var(--tf-font-size-lg); margin: 0; }
  `,
  ];

  @property({ attribute: false }) services!: AppServices;
  @property() modelUri = '';
  @state() private model: ModelDescription | null = null;
  @state() private choice: GeneratedChoice | null = null;
  @state() private boundary: BoundaryResult | null = null;
  @state() private marker: PlotPoint | null = null;
  @state() private prediction: PointPrediction | null = null;
  @state() private error = '';
  @state() private busy = '';
  private readonly loader = new ModelUriController(this, () => this.load());

  private async run<T>(what: string, work: (signal: AbortSignal) => Promise<T>): Promise<T | null> {
    this.error = '';
    this.busy = what;
    try {
      return await work(this.loader.signal);
    } catch (error) {
      this.error = failureText(`Could not ${what}`, error) ?? '';
      return null;
    } finally {
      this.busy = '';
    }
  }

  private async load(): Promise<void> {
    const predict = this.services.predict;
    if (!predict) {
      this.error = 'Predictions need Web Workers, which this browser does not offer here.';
      return;
    }
    this.model = await this.run('load the model', (signal) => predict.describeModel(signal, this.modelUri));
    // The plot shows two input columns; other models predict on CSV files only.
    const generators =
      this.model && this.model.signature.featureNames.length === 2 ? matchingGenerators(this.model.signature) : [];
    // Start on the data the model learned from: that is the picture a class expects to see first.
    const trainedOn = this.model?.signature.generator;
    const generator = trainedOn && generators.includes(trainedOn) ? trainedOn : generators[0];
    this.choice = generator ? { kind: 'generated', generator, numPoints: 300, noise: 0, seed: 7 } : null;
    if (this.choice) await this.drawBoundary();
  }

  private async drawBoundary(): Promise<void> {
    const dataset = this.choice;
    if (!dataset || !this.services.predict) return;
    const result = await this.run('draw the decision boundary', (signal) =>
      this.services.predict!.decisionBoundary(signal, this.modelUri, dataset, GRID_SIZE),
    );
    if (result) {
      this.boundary = result;
      this.marker = null;
      this.prediction = null;
    }
  }

  private async predictAt(point: PlotPoint): Promise<void> {
    this.marker = point;
    const [prediction] =
      (await this.run('predict', (signal) =>
        this.services.predict!.predictPoints(signal, this.modelUri, [[point.x, point.y]]),
      )) ?? [];
    this.prediction = prediction ?? null;
  }

  private predictTyped(e: SubmitEvent): void {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const x = Number(data.get('x'));
    const y = Number(data.get('y'));
    if (
      String(data.get('x')).trim() === '' ||
      String(data.get('y')).trim() === '' ||
      !Number.isFinite(x) ||
      !Number.isFinite(y)
    ) {
      this.error = 'Type a number for both X₁ and X₂.';
      return;
    }
    void this.predictAt({ x, y });
  }

  private renderPrediction() {
    const p = this.prediction;
    if (!p) return html`<p class="note">Click the plot, or type a point, to see what the model predicts there.</p>`;
    const where = `(${p.features.map((v) => v.toFixed(2)).join(', ')})`;
    const what =
      this.model?.signature.task === 'regression'
        ? `the value ${p.label}`
        : `class ${p.label} (probability ${(p.probability ?? 0).toFixed(3)})`;
    return html`<p class="prediction" role="status" aria-label="Prediction">At ${where} the model predicts ${what}.</p>`;
  }

  render() {
    const signature = this.model?.signature;
    const generators = signature ? matchingGenerators(signature) : [];
    return html`
      ${this.busy ? html`<p class="note" role="status">Working: ${this.busy}…</p>` : ''}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${
        signature && this.choice
          ? html`<section aria-label="Predict on a plot">
            <h3>Predict on a plot</h3>
            <div class="row">
              <div class="plot">
                <boundary-plot .boundary=${this.boundary} .marker=${this.marker} @plot-click=${(e: CustomEvent<PlotPoint>) => void this.predictAt(e.detail)}></boundary-plot>
                ${signature.task === 'classification' ? html`<class-legend .classNames=${classNamesOf(signature)}></class-legend>` : ''}
              </div>
              <div class="side">
                <dataset-picker .value=${this.choice} .generators=${generators} @dataset-change=${(e: CustomEvent<GeneratedChoice>) => (this.choice = e.detail)}></dataset-picker>
                <button @click=${() => void this.drawBoundary()}>Draw decision boundary</button>
                <form @submit=${this.predictTyped}>
                  <label>X₁<input name="x" type="number" step="any" /></label>
                  <label>X₂<input name="y" type="number" step="any" /></label>
                  <button type="submit">Predict at this point</button>
                </form>
                ${this.renderPrediction()}
              </div>
            </div>
          </section>`
          : signature
            ? html`<p class="note">The plot needs a model of two columns from a generated dataset; this one reads ${signature.featureNames.join(', ')}. Predict on a CSV file below.</p>`
            : ''
      }
      ${
        signature
          ? html`<section aria-label="Predict on a CSV file">
            <h3>Predict on a CSV file</h3>
            <csv-predictions .services=${this.services} .modelUri=${this.modelUri} .featureNames=${signature.featureNames}></csv-predictions>
          </section>`
          : ''
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'model-predict-panel': ModelPredictPanel;
  }
}
