import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { targetRange, type ColorScale } from '../../ml/boundary-palette';
import type { CsvOptions } from '../../ml/csv';
import type { Dataset } from '../../ml/dataset';
import { checkDatasetConfig } from '../../ml/dataset-config';
import { generateDataset } from '../../ml/generators';
import { validateModelConfig, type ModelConfig } from '../../ml/model-config';
import type { EpochMetrics } from '../../ml/train';
import type { BoundaryGrid, TrainOutcome, TrainProgress, TrainRequest } from '../../ml/training-messages';
import '../playground/boundary-view';
import '../playground/csv-upload';
import type { CsvChangeDetail } from '../playground/csv-upload';
import '../playground/dataset-controls';
import type { DatasetChangeDetail } from '../playground/dataset-controls';
import '../playground/model-config-form';
import { readState, stateQuery, type PlaygroundState } from '../playground/playground-state';
import '../playground/training-charts';
import '../sweep/sweep-panel';
import { errorMessage, type AppServices, type PageRoute } from '../services';

interface LiveRun {
  runId: string;
  backend: string;
  epochs: number;
  /** Epochs finished so far. */
  done: number;
}

/**
 * Progress arrives once per epoch, often ten times a second; the page redraws its charts and heatmap at most
 * this often, so the main thread stays free whatever the training speed.
 */
const LIVE_VIEW_INTERVAL_MS = 200;

/** The columns of every 2-D generator, shown while no data is loaded yet. */
const GENERATED_COLUMNS = ['x', 'y'];

/** One scale per dataset object, so the heatmap element sees the same value and does not redraw for nothing. */
const scales = new WeakMap<Dataset, ColorScale>();
function scaleOf(ds: Dataset): ColorScale {
  let scale = scales.get(ds);
  if (!scale) {
    scale = { task: ds.task, numClasses: ds.numClasses, range: ds.task === 'regression' ? targetRange(ds.y) : undefined };
    scales.set(ds, scale);
  }
  return scale;
}

function formatMetric(value: number | undefined): string {
  return value === undefined ? '–' : value.toFixed(3);
}

/**
 * #/playground?<params>: pick data and a model, press Train, watch it learn. Training runs in a worker that
 * records every run; the page shows progress live and links to the run. The whole exercise lives in the URL,
 * under the same keys as a run's params, so a shared link or "Re-run" opens the same setup.
 */
@customElement('playground-page')
export class PlaygroundPage extends LitElement {
  static styles = css`
    :host { display: block; padding: 16px 24px; overflow: auto; }
    h1 { font-size: 20px; margin: 0 0 12px; }
    .layout { display: grid; gap: 16px; grid-template-columns: minmax(260px, 340px) minmax(300px, 1fr); align-items: start; }
    .column { display: grid; gap: 12px; min-width: 0; }
    .actions { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
    button { font: inherit; font-size: 14px; font-weight: 600; padding: 6px 18px; border-radius: 6px; border: 1px solid #d0d7de; background: #f6f8fa; cursor: pointer; }
    button.primary { background: #1f883d; border-color: #1a7f37; color: #fff; }
    button:disabled { opacity: 0.5; cursor: not-allowed; }
    .status { margin: 0; font-size: 14px; color: #1c2128; font-variant-numeric: tabular-nums; }
    .error { margin: 0; color: #82071e; background: #ffebe9; border: 1px solid #ff8182; border-radius: 6px; padding: 8px 10px; font-size: 14px; }
    .warning { margin: 0 0 12px; color: #7d4e00; background: #fff8c5; border: 1px solid #d4a72c; border-radius: 6px; padding: 8px 10px; font-size: 14px; }
    a { color: #0969da; }
    @media (max-width: 760px) { .layout { grid-template-columns: 1fr; } }
  `;

  @property({ attribute: false }) services!: AppServices;
  @property({ attribute: false }) route!: PageRoute;

  @state() private setup: PlaygroundState = readState(new URLSearchParams()).state;
  @state() private linkProblems: string[] = [];
  @state() private csvData: Dataset | null = null;
  @state() private live: LiveRun | null = null;
  @state() private training = false;
  @state() private history: EpochMetrics[] = [];
  @state() private grid: BoundaryGrid | null = null;
  @state() private outcome: TrainOutcome | null = null;
  @state() private failure = '';
  private shownQuery: string | null = null;
  private preview: { key: string; data: Dataset | null; problem: string } = { key: '', data: null, problem: '' };
  private abort: AbortController | null = null;
  private askedToPersist = false;
  private parseCsvInWorker = (text: string, options: CsvOptions) => this.services.training!.parseCsv(text, options);
  /** Progress received since the live view last redrew. */
  private pending: { epochs: EpochMetrics[]; done: number; grid: BoundaryGrid | null } = { epochs: [], done: 0, grid: null };
  private liveTimer: ReturnType<typeof setTimeout> | null = null;

  willUpdate(changed: PropertyValues<this>): void {
    // A link or "Re-run" arriving (not the page's own URL updates, which do not change the route) resets the form.
    if (changed.has('route') && this.route && this.route.query.toString() !== this.shownQuery) {
      const { state, problems } = readState(this.route.query);
      this.setup = state;
      this.linkProblems = problems;
      this.shownQuery = this.route.query.toString();
      this.grid = null;
    }
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    // Leaving the page stops the training, so no worker keeps running unseen; the run ends KILLED.
    this.abort?.abort();
  }

  /** The data to train on (generated on demand, cached per recipe), or the reason there is none. */
  private data(): { data: Dataset | null; problem: string } {
    if (this.setup.csv) {
      return { data: this.csvData, problem: this.csvData ? '' : 'Upload a CSV file with numeric columns to train on it.' };
    }
    const key = JSON.stringify(this.setup.dataset);
    if (this.preview.key !== key) {
      try {
        checkDatasetConfig(this.setup.dataset);
        const { generator, numPoints, noise, seed, numClasses } = this.setup.dataset;
        this.preview = { key, data: generateDataset(generator, { numPoints, noise, seed, numClasses }), problem: '' };
      } catch (error) {
        this.preview = { key, data: null, problem: errorMessage(error) };
      }
    }
    return this.preview;
  }

  private applySetup(next: PlaygroundState): void {
    this.setup = next;
    this.grid = null;
    const query = stateQuery(next).toString();
    this.shownQuery = query;
    history.replaceState(history.state, '', `#/playground?${query}`);
  }

  private onDatasetChange(e: CustomEvent<DatasetChangeDetail>): void {
    const { dataset, csv } = e.detail;
    const wasCsv = this.setup.csv;
    this.applySetup({ ...this.setup, dataset, csv: csv ? (wasCsv ?? { fileName: '', target: '' }) : null });
    if (!csv) this.csvData = null;
  }

  private onCsvChange(e: CustomEvent<CsvChangeDetail>): void {
    this.csvData = e.detail.dataset;
    this.applySetup({ ...this.setup, csv: { fileName: e.detail.fileName, target: e.detail.target } });
  }

  private onModelChange(e: CustomEvent<{ config: ModelConfig }>): void {
    this.applySetup({ ...this.setup, model: e.detail.config });
  }

  private request(data: Dataset): TrainRequest {
    const { dataset, csv, model } = this.setup;
    return csv
      ? { source: { kind: 'csv', dataset: data, fileName: csv.fileName, testFraction: dataset.testFraction, seed: dataset.seed }, model }
      : { source: { kind: 'generated', config: dataset }, model };
  }

  private async train(): Promise<void> {
    const { data } = this.data();
    const training = this.services.training;
    if (!data || !training) return;
    if (!this.askedToPersist) {
      this.askedToPersist = true;
      // Asks the browser not to evict the runs under storage pressure; a refusal changes nothing else.
      void navigator.storage?.persist?.().catch(() => false);
    }
    this.abort = new AbortController();
    this.training = true;
    this.history = [];
    this.grid = null;
    this.outcome = null;
    this.failure = '';
    this.live = null;
    this.pending = { epochs: [], done: 0, grid: null };
    try {
      this.outcome = await training.train(this.abort.signal, this.request(data), (p) => this.onProgress(p));
      if (this.outcome.status === 'FAILED') this.failure = `Training failed: ${this.outcome.error ?? 'unknown error'}`;
    } catch (error) {
      if (!(error instanceof DOMException && error.name === 'AbortError')) this.failure = `Training could not run: ${errorMessage(error)}`;
    } finally {
      this.showPending();
      this.training = false;
      this.abort = null;
    }
  }

  private onProgress(p: TrainProgress): void {
    if (p.type === 'started') {
      this.live = { runId: p.runId, backend: p.backend, epochs: p.epochs, done: 0 };
      return;
    }
    if (p.type === 'epoch') {
      this.pending.epochs.push(p.metrics);
      this.pending.done = p.epoch + 1;
    } else {
      this.pending.grid = p.grid;
    }
    this.liveTimer ??= setTimeout(() => this.showPending(), LIVE_VIEW_INTERVAL_MS);
  }

  private showPending(): void {
    if (this.liveTimer !== null) clearTimeout(this.liveTimer);
    this.liveTimer = null;
    const { epochs, done, grid } = this.pending;
    if (epochs.length > 0) {
      this.history = [...this.history, ...epochs];
      if (this.live) this.live = { ...this.live, done };
    }
    if (grid) this.grid = grid;
    this.pending = { epochs: [], done, grid: null };
  }

  private statusText(): string {
    const live = this.live;
    if (!live) return this.training ? 'Starting the training worker…' : 'Press Train to train this model; every run is recorded.';
    const last = this.history[this.history.length - 1];
    const score = this.history.length && last.accuracy !== undefined ? `accuracy ${formatMetric(last.accuracy)}` : `mae ${formatMetric(last?.mae)}`;
    const progress = `Epoch ${live.done} of ${live.epochs} · loss ${formatMetric(last?.loss)} · ${score} · ${live.backend} backend`;
    switch (this.outcome?.status) {
      case 'FINISHED':
        return `Finished. ${progress}`;
      case 'KILLED':
        return `Stopped after ${live.done} epochs; the run keeps them.`;
      case 'FAILED':
        return `Failed after ${live.done} epochs.`;
      default:
        return progress;
    }
  }

  render() {
    const { data, problem } = this.data();
    const modelProblems = validateModelConfig(this.setup.model);
    const canTrain = !this.training && data !== null && modelProblems.length === 0 && this.services?.training !== undefined;
    return html`
      <h1>Playground</h1>
      ${this.linkProblems.map((p) => html`<p class="warning" role="alert">${p}</p>`)}
      ${this.services?.training ? nothing : html`<p class="warning">Training needs Web Workers, which this browser does not offer here.</p>`}
      <div class="layout">
        <div class="column">
          <dataset-controls .config=${this.setup.dataset} ?csv=${this.setup.csv !== null} ?disabled=${this.training}
            @dataset-change=${this.onDatasetChange}></dataset-controls>
          ${this.setup.csv
            ? html`<csv-upload ?disabled=${this.training} expectedFile=${this.setup.csv.fileName} preferredTarget=${this.setup.csv.target}
                .parser=${this.services?.training ? this.parseCsvInWorker : undefined} @csv-change=${this.onCsvChange}></csv-upload>`
            : nothing}
          ${problem && !this.setup.csv ? html`<p class="error" role="alert">${problem}</p>` : nothing}
          <boundary-view .data=${data} .scale=${data ? scaleOf(data) : null} .grid=${this.grid}
            label=${this.grid ? 'Decision boundary of the model over the data' : 'Dataset preview'}></boundary-view>
        </div>
        <div class="column">
          <model-config-form .config=${this.setup.model} .columns=${data?.featureNames ?? GENERATED_COLUMNS} ?disabled=${this.training}
            @config-change=${this.onModelChange}></model-config-form>
          <div class="actions">
            <button class="primary" ?disabled=${!canTrain} @click=${this.train}>Train</button>
            <button ?disabled=${!this.training} @click=${() => this.abort?.abort()}>Stop</button>
            ${this.live
              ? // While training, the run opens in a new tab: leaving this page would stop the training.
                html`<a href="#/run/${this.live.runId}" target=${this.training ? '_blank' : nothing}
                  title=${this.training ? 'Opens in a new tab; training goes on here' : nothing}>Open this run</a>`
              : nothing}
          </div>
          <p class="status" role="status">${this.statusText()}</p>
          ${this.failure ? html`<p class="error" role="alert">${this.failure}</p>` : nothing}
          <training-charts .history=${this.history} task=${data?.task ?? 'classification'}></training-charts>
        </div>
      </div>
      <sweep-panel .sweeps=${this.services?.sweeps} .base=${data && modelProblems.length === 0 ? this.request(data) : null}
        task=${data?.task ?? 'classification'} .hasTest=${this.setup.dataset.testFraction > 0}></sweep-panel>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'playground-page': PlaygroundPage;
  }
}
