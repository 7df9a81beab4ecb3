import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import '../../charts/marked-curve';
import { formatBytes, plural } from '../../format';
import type { Dataset } from '../../ml/dataset';
import type { LiveNetwork } from '../../ml/network-frame';
import {
  decodeReplay,
  REPLAY_DATA_PATH,
  REPLAY_HEADER_PATH,
  replayBoundary,
  type ReplayData,
} from '../../ml/replay-format';
import '../playground/boundary-view';
import '../playground/network-view';
import { featureLabel, type UnitRef } from '../playground/network-view';
import { UNIT_SCALE, unitBoundaryGrid, unitName } from '../playground/unit-shading';
import { errorMessage, type AppServices } from '../services';
import { runSectionStyles } from './run-styles';

/** A snapshot every this many ms while playing: a 50-epoch run replays in about 10 s. */
const PLAY_INTERVAL_MS = 200;

interface Loaded {
  replay: ReplayData;
  data: Dataset;
  bytes: number;
  loss: { xs: Float64Array; ys: Float64Array } | null;
}

/**
 * The run page's "Replay" section: the decision boundary, every unit's heatmap and the weights as they were at
 * each recorded epoch (replay/network.json + network.bin, see src/ml/replay-format.ts), with an "Epoch" slider,
 * a Play button and the loss curve with the shown epoch marked. It reads only the run's artifacts, so it works
 * the same on a run imported from someone else's zip. Renders nothing for a run without a replay.
 */
@customElement('run-replay')
export class RunReplay extends LitElement {
  static styles = [
    runSectionStyles,
    css`
      :host([hidden]) { display: none; }
      .controls { display: flex; flex-wrap: wrap; align-items: center; gap: var(--tf-space-3); margin-bottom: var(--tf-space-3); }
      .controls label { display: flex; align-items: center; gap: var(--tf-space-2); flex: 1 1 240px; }
      input[type='range'] { flex: 1; padding: 0; }
      .epoch { font-variant-numeric: tabular-nums; min-width: 9em; }
      .views { display: grid; gap: var(--tf-space-4); grid-template-columns: minmax(220px, 300px) minmax(0, 1fr); align-items: start; }
      .side { display: grid; gap: var(--tf-space-3); min-width: 0; }
      .about { color: var(--tf-color-text-muted); font-size: var(--tf-font-size-sm); margin: 0 0 var(--tf-space-3); }
      @media (max-width: 760px) { .views { grid-template-columns: 1fr; } }
    `,
  ];

  @property({ attribute: false }) services!: AppServices;
  @property() runId = '';
  /** Whether the run has a replay: the page shows this section only then. */
  @state() private loaded: Loaded | null = null;
  @state() private problem = '';
  @state() private index = 0;
  @state() private playing = false;
  @state() private selectedUnit: UnitRef | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private loadingFor = '';

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.pause();
  }

  willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('runId') && this.runId !== this.loadingFor) void this.load(this.runId);
  }

  protected updated(): void {
    this.hidden = this.loaded === null && this.problem === '';
  }

  private async load(runId: string): Promise<void> {
    this.loadingFor = runId;
    this.pause();
    this.loaded = null;
    this.problem = '';
    const tracking = this.services.tracking;
    try {
      const files = await tracking.listArtifacts(runId, 'replay');
      if (!files.some((f) => f.path === REPLAY_DATA_PATH) || !files.some((f) => f.path === REPLAY_HEADER_PATH)) return;
      const [header, bytes, loss] = await Promise.all([
        tracking.getArtifact(runId, REPLAY_HEADER_PATH).then((b) => b.text()),
        tracking.getArtifact(runId, REPLAY_DATA_PATH).then(async (b) => new Uint8Array(await b.arrayBuffer())),
        tracking.getMetricHistory(runId, 'loss').catch(() => null),
      ]);
      const replay = decodeReplay(header, bytes);
      if (this.loadingFor !== runId) return;
      const { scale } = replay.header;
      const data: Dataset = {
        name: 'replay',
        task: scale.task,
        featureNames: ['x', 'y'],
        targetName: '',
        x: replay.x,
        y: replay.y,
        numClasses: scale.numClasses,
        classLabels: [],
      };
      // Loss at step s is after s + 1 epochs, the replay's epoch numbering.
      const lossCurve = loss && loss.steps.length > 0 ? { xs: loss.steps.map((s) => s + 1), ys: loss.values } : null;
      this.loaded = { replay, data, bytes: bytes.length, loss: lossCurve };
      this.index = replay.header.snapshots.length - 1;
    } catch (error) {
      if (this.loadingFor === runId) this.problem = errorMessage(error);
    }
  }

  private pause(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.playing = false;
  }

  private play(): void {
    const count = this.loaded?.replay.header.snapshots.length ?? 0;
    if (count < 2) return;
    if (this.index >= count - 1) this.index = 0;
    this.playing = true;
    this.timer = setInterval(() => {
      if (this.index >= count - 1) this.pause();
      else this.index++;
    }, PLAY_INTERVAL_MS);
  }

  private onSlide(e: Event): void {
    this.pause();
    this.index = Number((e.target as HTMLInputElement).value);
  }

  render() {
    if (this.problem) return html`<h2>Replay</h2><p class="error" role="alert">${this.problem}</p>`;
    const loaded = this.loaded;
    if (!loaded) return nothing;
    const { replay, data, bytes, loss } = loaded;
    const { header } = replay;
    const count = header.snapshots.length;
    const index = Math.min(this.index, count - 1);
    const snapshot = replay.snapshot(index);
    const epoch = snapshot.frame.epoch;
    const network: LiveNetwork = { layout: header.layout, frame: snapshot.frame };
    const unit = this.selectedUnit;
    const epochText = `Epoch ${epoch} of ${header.epochs}`;
    return html`<h2>Replay</h2>
      <p class="about">
        ${plural(count, 'snapshot')} of ${plural(header.epochs, 'epoch')} (epoch 0 is the initial weights), ${formatBytes(bytes)}; a run keeps at
        most ${formatBytes(header.budgetBytes)} of snapshots, spaced evenly when there are more epochs than fit.
      </p>
      <div class="controls">
        <button type="button" @click=${() => (this.playing ? this.pause() : this.play())}>${this.playing ? 'Pause' : 'Play'}</button>
        <label>Epoch
          <input type="range" min="0" max=${count - 1} step="1" .value=${String(index)} aria-valuetext=${epochText} @input=${this.onSlide} />
        </label>
        <span class="epoch">${epochText}</span>
      </div>
      <div class="views">
        <div class="side">
          ${
            unit
              ? html`<boundary-view .data=${data} .scale=${UNIT_SCALE} .grid=${unitBoundaryGrid(network, unit.layer, unit.unit)}
                label=${`${unitName(network, unit.layer, unit.unit, featureLabel)} at epoch ${epoch}`}></boundary-view>`
              : html`<boundary-view .data=${data} .scale=${header.scale} .grid=${replayBoundary(header, snapshot)} label="Decision boundary at epoch ${epoch}"></boundary-view>`
          }
          ${loss ? html`<marked-curve title="loss" .xs=${loss.xs} .ys=${loss.ys} .marker=${epoch} .height=${180}></marked-curve>` : nothing}
        </div>
        <network-view .network=${network} .selected=${unit} @unit-select=${(e: CustomEvent<UnitRef | null>) => (this.selectedUnit = e.detail)}></network-view>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'run-replay': RunReplay;
  }
}
