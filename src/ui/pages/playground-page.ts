import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { targetRange, type ColorScale } from '../../ml/boundary-palette';
import type { CsvOptions } from '../../ml/csv';
import type { Dataset } from '../../ml/dataset';
import { checkDatasetConfig } from '../../ml/dataset-config';
import { DEFAULT_DIGITS_CONFIG, DIGITS_FILE, DIGITS_MODEL_SETTINGS, digitsTableShape } from '../../ml/digits';
import { describeSource } from '../../ml/dataset-source';
import { generateDataset } from '../../ml/generators';
import { validateModelConfig, type ModelConfig } from '../../ml/model-config';
import type { EpochMetrics } from '../../ml/train';
import type { BoundaryGrid, TrainRequest } from '../../ml/training-messages';
import '../playground/boundary-view';
import '../playground/network-view';
import type { UnitRef } from '../playground/network-view';
import { featureLabel } from '../playground/network-view';
import { discretized, UNIT_SCALE, unitBoundaryGrid, unitName } from '../playground/unit-shading';
import '../playground/step-controls';
import '../playground/view-options';
import type { ViewOptions } from '../playground/view-options';
import { splitDataset } from '../../ml/split';
import type { StepSize } from '../../ml/stepped-training';
import { newRunName } from '../../tracking/ids';
import '../playground/csv-upload';
import type { CsvChangeDetail } from '../playground/csv-upload';
import '../playground/dataset-controls';
import '../playground/experiment-select';
import '../playground/experiment-deleted-notice';
import type { DatasetChangeDetail } from '../playground/dataset-controls';
import '../images/draw-section';
import '../images/image-folder-picker';
import type { FolderChangeDetail } from '../images/image-folder-picker';
import '../images/image-model-fields';
import { imageTableShape } from '../../ml/image-dataset';
import { IMAGE_SIZES, type ImageFolderFiles } from '../../ml/image-folder';
import '../playground/model-config-form';
import { readState, requestState, stateQuery, type PlaygroundState } from '../playground/playground-state';
import '../playground/training-charts';
import '../sweep/sweep-panel';
import '../sweep/repeat-seeds';
import { errorMessage, reportError, type AppServices, type PageRoute, type TrainingSnapshot } from '../services';
import { hashHref, runHref } from '../links';
import { buttonStyles } from '../primitives/controls';
import { touchTargets } from '../primitives/touch-targets';
import '../primitives/page-header';

/**
 * The last training whose storage-full failure went to the app, across page instances: the page is made anew
 * on each visit and must not raise the app's notice again for a failure it already reported.
 */
let reportedStorageFull = 0;

/** What a training learns from, so the page shows a boundary only over the data and model it was trained on. */
function setupKey(request: TrainRequest): string {
  return JSON.stringify([describeSource(request.source), request.model]);
}

const NO_HISTORY: readonly EpochMetrics[] = [];

const DIGITS_TABLE = digitsTableShape();

/** The columns of every 2-D generator, shown while no data is loaded yet. */
const GENERATED_COLUMNS = ['x', 'y'];

/** One scale per dataset object, so the heatmap element sees the same value and does not redraw for nothing. */
const scales = new WeakMap<Dataset, ColorScale>();
function scaleOf(ds: Dataset): ColorScale {
  let scale = scales.get(ds);
  if (!scale) {
    scale = {
      task: ds.task,
      numClasses: ds.numClasses,
      range: ds.task === 'regression' ? targetRange(ds.y) : undefined,
    };
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
  static styles = [
    buttonStyles,
    touchTargets,
    css`
    :host { display: block; padding: 16px 24px; overflow: auto; }
    page-header { margin-bottom: var(--tf-space-3); }
    .layout { display: grid; gap: 16px; grid-template-columns: minmax(260px, 340px) minmax(300px, 1fr); align-items: start; }
    .column { display: grid; gap: 12px; min-width: 0; }
    .actions { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
    button { font-weight: 600; padding: 6px 18px; }
    .status { margin: 0; font-size: var(--tf-font-size); color: var(--tf-color-text); font-variant-numeric: tabular-nums; }
    .error { margin: 0; color: var(--tf-color-danger); background: color-mix(in srgb, var(--tf-color-danger) 10%, var(--tf-color-surface)); border: 1px solid var(--tf-color-danger); border-radius: 6px; padding: 8px 10px; font-size: var(--tf-font-size); }
    .warning { margin: 0 0 12px; color: var(--tf-color-warning); background: color-mix(in srgb, var(--tf-color-warning) 14%, var(--tf-color-surface)); border: 1px solid var(--tf-color-warning); border-radius: 6px; padding: 8px 10px; font-size: var(--tf-font-size); }
    a { color: var(--tf-color-accent); }
    .run-name { display: flex; align-items: center; gap: var(--tf-space-2); font-size: var(--tf-font-size); color: var(--tf-color-text-muted); }
    .run-name input { font: inherit; flex: 1; min-width: 0; padding: 4px 6px; border: 1px solid var(--tf-color-border); border-radius: var(--tf-radius-sm); background: var(--tf-color-surface); color: var(--tf-color-text); }
    @media (max-width: 760px) { .layout { grid-template-columns: 1fr; } }
  `,
  ];

  @property({ attribute: false }) services!: AppServices;
  @property({ attribute: false }) route!: PageRoute;

  @state() private setup: PlaygroundState = readState(new URLSearchParams()).state;
  @state() private linkProblems: string[] = [];
  @state() private csvData: Dataset | null = null;
  /** The picked image folder's files (read in the page, decoded by the worker) and its table's shape. */
  @state() private folderData: { folder: ImageFolderFiles; table: Dataset } | null = null;
  /** The app's training (this page's, or one started before the page was last shown). */
  @state() private session: TrainingSnapshot | null = null;
  /** Runs cannot start in a deleted experiment; <experiment-deleted-notice> says so and offers Restore. */
  @state() private experimentDeleted = false;
  /** The network unit shown large in the boundary area, until it is clicked again. */
  @state() private selectedUnit: UnitRef | null = null;
  @state() private view: ViewOptions = { showTestData: true, discretize: false };
  /** The next run's name: generated, editable in the "Run name" field, renewed when a run starts. */
  @state() private runName = newRunName();
  /** The training points of the shown data, for "Show test data" off (split as the worker splits it). */
  private trainingPoints: { data: Dataset; key: string; train: Dataset } | null = null;
  private shownQuery: string | null = null;
  private preview: { key: string; data: Dataset | null; problem: string } = { key: '', data: null, problem: '' };
  private parseCsvInWorker = (text: string, options: CsvOptions) => this.services.training!.parseCsv(text, options);
  private unsubscribe: (() => void) | null = null;
  /** The request for the current setup, made once per setup so the sweep panel does not re-plan on every redraw. */
  private requestMemo: { setup: PlaygroundState; data: Dataset; request: TrainRequest } | null = null;

  connectedCallback(): void {
    super.connectedCallback();
    this.subscribe();
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    // The training goes on in the app's training service; this page only stops listening. A stepped run ends
    // with the page, as its steps come from here.
    if (this.session?.request.stepped && this.isTraining()) this.services.training?.stop();
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private subscribe(): void {
    if (this.unsubscribe || !this.services?.training) return;
    this.unsubscribe = this.services.training.subscribe((snapshot) => this.onSession(snapshot));
  }

  private onSession(snapshot: TrainingSnapshot | null): void {
    this.session = snapshot;
    if (snapshot?.failure?.storageFull && reportedStorageFull !== snapshot.id) {
      reportedStorageFull = snapshot.id;
      // The app shows its storage-full notice (with what to do) for this; other failures are shown here only.
      reportError(this, new Error(snapshot.failure.message));
    }
  }

  willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('services') && this.isConnected) this.subscribe();
    // A link or "Re-run" arriving (not the page's own URL updates, which do not change the route) resets the form.
    if (changed.has('route') && this.route && this.route.query.toString() !== this.shownQuery) {
      const query = this.route.query.toString();
      const session = this.services?.training?.current;
      if (query === '' && session) {
        // Back from another page through the menu: show the setup of the training in progress (or the last one).
        const restored = requestState(session.request);
        this.csvData = session.request.source.kind === 'csv' ? session.request.source.dataset : null;
        this.folderData = null;
        this.linkProblems = [];
        this.applySetup(restored);
      } else {
        const { state, problems } = readState(this.route.query);
        this.setup = state;
        this.linkProblems = problems;
        this.shownQuery = query;
      }
    }
  }

  /** The data to train on (generated on demand, cached per recipe), or the reason there is none. */
  private data(): { data: Dataset | null; problem: string } {
    // The worker loads the digits themselves; the page needs only their columns and classes.
    if (this.setup.digits) return { data: DIGITS_TABLE, problem: '' };
    if (this.setup.images) {
      return {
        data: this.folderData?.table ?? null,
        problem: this.folderData ? '' : 'Choose a folder of pictures (one subfolder per class), or a zip of one.',
      };
    }
    if (this.setup.csv) {
      return {
        data: this.csvData,
        problem: this.csvData ? '' : 'Upload a CSV file with numeric columns to train on it.',
      };
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
    const query = stateQuery(next).toString();
    this.shownQuery = query;
    history.replaceState(history.state, '', hashHref('playground', [], new URLSearchParams(query)));
  }

  private onDatasetChange(e: CustomEvent<DatasetChangeDetail>): void {
    const { dataset, csv, digits } = e.detail;
    const wasCsv = this.setup.csv;
    const images = e.detail.images ? (this.setup.images ?? { folderName: '', size: '28-gray' as const }) : null;
    // Choosing images swaps the 2-D defaults (50 epochs of an 8-8 tanh MLP, half the points held out) for a model
    // that learns digits in seconds and a 20% test split, as image datasets are usually split.
    const toImages = (digits && !this.setup.digits) || (images && !this.setup.images);
    const model = toImages ? { ...this.setup.model, ...DIGITS_MODEL_SETTINGS } : this.setup.model;
    const split = toImages ? { ...dataset, testFraction: DEFAULT_DIGITS_CONFIG.testFraction } : dataset;
    this.applySetup({
      ...this.setup,
      dataset: split,
      model,
      digits,
      images,
      csv: csv ? (wasCsv ?? { fileName: '', target: '' }) : null,
    });
    if (!csv) this.csvData = null;
    if (!images) this.folderData = null;
  }

  private onFolderChange(e: CustomEvent<FolderChangeDetail>): void {
    const { folder, classNames, size } = e.detail;
    const { width, height, channels } = IMAGE_SIZES[size];
    this.folderData = folder
      ? { folder, table: imageTableShape(folder.folderName, { width, height, channels, classNames }) }
      : null;
    this.applySetup({
      ...this.setup,
      images: { folderName: folder?.folderName ?? this.setup.images?.folderName ?? '', size },
    });
  }

  private onCsvChange(e: CustomEvent<CsvChangeDetail>): void {
    this.csvData = e.detail.dataset;
    this.applySetup({ ...this.setup, csv: { fileName: e.detail.fileName, target: e.detail.target } });
  }

  private onModelChange(e: CustomEvent<{ config: ModelConfig }>): void {
    this.applySetup({ ...this.setup, model: e.detail.config });
  }

  private onExperimentChange(e: CustomEvent<{ experimentId: string }>): void {
    this.applySetup({ ...this.setup, experimentId: e.detail.experimentId });
  }

  private request(data: Dataset): TrainRequest {
    const memo = this.requestMemo;
    if (memo && memo.setup === this.setup && memo.data === data) return memo.request;
    const { dataset, csv, digits, images, model, experimentId } = this.setup;
    const folder = this.folderData?.folder;
    const { testFraction, seed } = dataset;
    // The digits file sits next to the page; the worker, whose own URL is in assets/, is told where.
    const request: TrainRequest = csv
      ? { source: { kind: 'csv', dataset: data, fileName: csv.fileName, testFraction, seed }, model, experimentId }
      : digits
        ? {
            source: {
              kind: 'digits',
              url: new URL(DIGITS_FILE, document.baseURI).href,
              subset: digits.subset,
              testFraction,
              seed,
            },
            model,
            experimentId,
          }
        : images && folder
          ? { source: { kind: 'images', ...folder, size: images.size, testFraction, seed }, model, experimentId }
          : { source: { kind: 'generated', config: dataset }, model, experimentId };
    this.requestMemo = { setup: this.setup, data, request };
    return request;
  }

  private train(): void {
    const { data } = this.data();
    const training = this.services.training;
    if (!data || !training) return;
    try {
      // The outcome arrives through the subscription, also when this page is no longer shown.
      void training.start(this.named(this.request(data)));
    } catch (error) {
      reportError(this, error);
    }
  }

  /** The request with the "Run name" field's name; the field then offers a new name for the next run. */
  private named(request: TrainRequest): TrainRequest {
    const runName = this.runName.trim();
    this.runName = newRunName();
    return runName ? { ...request, runName } : request;
  }

  private step(size: StepSize): void {
    const { data } = this.data();
    const training = this.services.training;
    if (!data || !training) return;
    try {
      const stepping = this.session?.request.stepped !== undefined && this.isTraining();
      training.step(stepping ? this.session!.request : this.named(this.request(data)), size);
    } catch (error) {
      reportError(this, error);
    }
  }

  /** The data as drawn: without the test points unless "Show test data" is on. */
  private shownData(data: Dataset | null): Dataset | null {
    if (!data || this.view.showTestData) return data;
    const { testFraction, seed } = this.setup.dataset;
    const key = `${testFraction} ${seed}`;
    if (this.trainingPoints?.data !== data || this.trainingPoints.key !== key) {
      this.trainingPoints = { data, key, train: splitDataset(data, testFraction, seed).train };
    }
    return this.trainingPoints.train;
  }

  private isTraining(): boolean {
    return this.session?.phase === 'starting' || this.session?.phase === 'running';
  }

  private statusText(): string {
    const session = this.session;
    if (!session) return 'Press Train to train this model; every run is recorded.';
    if (session.phase === 'starting') return 'Starting the training worker…';
    const done = session.history.length;
    if (!session.runId)
      return session.phase === 'KILLED'
        ? 'Stopped before the run started; nothing was recorded.'
        : 'The training could not start.';
    const last = session.history[done - 1];
    const score =
      done && last.accuracy !== undefined
        ? `accuracy ${formatMetric(last.accuracy)}`
        : `mae ${formatMetric(last?.mae)}`;
    const epochs = session.request.stepped ? `Stepped to epoch ${done}` : `Epoch ${done} of ${session.epochs}`;
    const progress = `${epochs} · loss ${formatMetric(last?.loss)} · ${score} · ${session.backend} backend`;
    switch (session.phase) {
      case 'FINISHED':
        return `Finished. ${progress}`;
      case 'KILLED':
        return `Stopped after ${done} epochs; the run keeps them.`;
      case 'FAILED':
        return `Failed after ${done} epochs.`;
      default:
        return progress;
    }
  }

  render() {
    const { data, problem } = this.data();
    const modelProblems = validateModelConfig(this.setup.model);
    const training = this.isTraining();
    const canTrain =
      !training &&
      !this.experimentDeleted &&
      data !== null &&
      modelProblems.length === 0 &&
      this.services?.training !== undefined;
    const session = this.session;
    const request = data && modelProblems.length === 0 ? this.request(data) : null;
    // The heatmap belongs to the data and model it was trained on; after a change the page shows the new data.
    const sameSetup = session !== null && request !== null && setupKey(session.request) === setupKey(request);
    const grid = sameSetup && session.grid ? session.grid : null;
    const network = sameSetup ? session.network : null;
    const unit =
      network &&
      this.selectedUnit &&
      this.selectedUnit.unit < (network.layout.layers[this.selectedUnit.layer]?.shown ?? 0)
        ? this.selectedUnit
        : null;
    const shown = this.shownData(data);
    const scale = data ? scaleOf(data) : null;
    const picture = (g: BoundaryGrid | null, s: ColorScale | null) =>
      g && s && this.view.discretize ? discretized(g, s) : g;
    const stepping = session?.request.stepped !== undefined && training;
    return html`
      <page-header heading="Playground" lead="Pick data and a model, press Train, and watch it learn; every run is recorded."></page-header>
      ${this.linkProblems.map((p) => html`<p class="warning" role="alert">${p}</p>`)}
      ${this.services?.training ? nothing : html`<p class="warning">Training needs Web Workers, which this browser does not offer here.</p>`}
      <div class="layout">
        <div class="column">
          <dataset-controls .config=${this.setup.dataset} ?csv=${this.setup.csv !== null} .digits=${this.setup.digits ?? null} ?images=${Boolean(this.setup.images)} ?disabled=${training}
            @dataset-change=${this.onDatasetChange}></dataset-controls>
          ${
            this.setup.csv
              ? html`<csv-upload ?disabled=${training} expectedFile=${this.setup.csv.fileName} preferredTarget=${this.setup.csv.target}
                .parser=${this.services?.training ? this.parseCsvInWorker : undefined} @csv-change=${this.onCsvChange}></csv-upload>`
              : nothing
          }
          ${
            this.setup.images
              ? html`<image-folder-picker ?disabled=${training} size=${this.setup.images.size} expectedFolder=${this.setup.images.folderName}
                @folder-change=${this.onFolderChange}></image-folder-picker>`
              : nothing
          }
          ${problem && !this.setup.csv && !this.setup.images ? html`<p class="error" role="alert">${problem}</p>` : nothing}
          ${
            data?.image || this.setup.images
              ? nothing
              : network && unit
                ? html`<boundary-view .data=${shown} .scale=${UNIT_SCALE} .grid=${picture(unitBoundaryGrid(network, unit.layer, unit.unit), UNIT_SCALE)}
                label=${`${unitName(network, unit.layer, unit.unit, featureLabel)} over the data`}></boundary-view>`
                : html`<boundary-view .data=${shown} .scale=${scale} .grid=${picture(grid, scale)}
                label=${grid ? 'Decision boundary of the model over the data' : 'Dataset preview'}></boundary-view>`
          }
          <view-options .options=${this.view} @view-change=${(e: CustomEvent<ViewOptions>) => (this.view = e.detail)}></view-options>
        </div>
        <div class="column">
          <model-config-form .config=${this.setup.model} .columns=${data?.featureNames ?? GENERATED_COLUMNS} ?disabled=${training}
            @config-change=${this.onModelChange}></model-config-form>
          ${
            data?.image
              ? html`<image-model-fields .config=${this.setup.model} ?disabled=${training} @config-change=${this.onModelChange}></image-model-fields>`
              : nothing
          }
          <experiment-select .tracking=${this.services?.tracking} value=${this.setup.experimentId} ?disabled=${training}
            @experiment-change=${this.onExperimentChange}></experiment-select>
          <experiment-deleted-notice .tracking=${this.services?.tracking} experimentId=${this.setup.experimentId} ?training=${training}
            @experiment-deleted-change=${(e: CustomEvent<{ deleted: boolean }>) => (this.experimentDeleted = e.detail.deleted)}></experiment-deleted-notice>
          <label class="run-name">Run name
            <input aria-label="Run name" .value=${this.runName} ?disabled=${training} @input=${(e: Event) => (this.runName = (e.target as HTMLInputElement).value)} />
          </label>
          <div class="actions">
            <button class="primary" ?disabled=${!canTrain} @click=${this.train}>Train</button>
            <button ?disabled=${!training} @click=${() => this.services.training?.stop()}>Stop</button>
            ${session?.runId ? html`<span class="run">Run “${session.request.runName ?? 'unnamed'}”: <a href=${runHref(session.runId)}>Open this run</a></span>` : nothing}
          </div>
          <step-controls ?canStep=${canTrain || stepping} ?stepping=${stepping}
            @step=${(e: CustomEvent<StepSize>) => this.step(e.detail)} @reset=${() => this.services.training?.stop()}></step-controls>
          <p class="status" role="status">${this.statusText()}</p>
          ${session?.failure ? html`<p class="error" role="alert">${session.failure.message}</p>` : nothing}
          <network-view .network=${network} .selected=${unit} @unit-select=${(e: CustomEvent<UnitRef | null>) => (this.selectedUnit = e.detail)}></network-view>
          <training-charts .history=${session?.history ?? NO_HISTORY} task=${data?.task ?? 'classification'}></training-charts>
          ${
            session?.phase === 'FINISHED' && session.runId
              ? html`<draw-section .services=${this.services} runId=${session.runId} uri=${`runs:/${session.runId}/model`}></draw-section>`
              : nothing
          }
        </div>
      </div>
      <repeat-seeds class="repeat" .sweeps=${this.services?.sweeps} .base=${request} experimentId=${this.setup.experimentId}
        task=${data?.task ?? 'classification'} ?hasTest=${this.setup.dataset.testFraction > 0}
        ?startOpen=${this.route?.query.get('repeat') === 'seeds'}></repeat-seeds>
      <sweep-panel .sweeps=${this.services?.sweeps} .base=${request} experimentId=${this.setup.experimentId}
        task=${data?.task ?? 'classification'} .hasTest=${this.setup.dataset.testFraction > 0}></sweep-panel>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'playground-page': PlaygroundPage;
  }
}
