import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { gridArtifactEpoch, gridArtifactPath } from '../../ml/image-report';
import type { ArtifactInfo } from '../../tracking';
import { LiveQueryController } from '../live-query-controller';
import { runSectionStyles } from '../run/run-styles';
import { errorMessage, type AppServices } from '../services';

export interface GridRun {
  runId: string;
  /** Shown above the run's grid when several runs are side by side. */
  label: string;
}

/** The largest recorded epoch at or before `epoch` (grids are logged at a few epochs only). */
function shownEpoch(epochs: readonly number[], epoch: number): number | null {
  let best: number | null = null;
  for (const e of epochs) if (e <= epoch && (best === null || e > best)) best = e;
  return best;
}

/**
 * "Predictions by epoch": the prediction grids image runs log (predictions/epoch_NNNN.png: test images with
 * predicted and true labels, mistakes framed) with a slider labelled "Epoch". Given several runs (Compare), it
 * shows each run's grid of the same epoch side by side. Renders nothing when no run has a grid.
 */
@customElement('prediction-grids')
export class PredictionGrids extends LitElement {
  static styles = [
    runSectionStyles,
    css`
      :host([hidden]) { display: none; }
      .controls { display: flex; align-items: center; gap: var(--tf-space-3); margin-bottom: var(--tf-space-3); flex-wrap: wrap; }
      .controls label { display: flex; align-items: center; gap: var(--tf-space-2); flex: 1 1 240px; }
      input[type='range'] { flex: 1; padding: 0; }
      output { font-variant-numeric: tabular-nums; min-width: 6em; }
      .grids { display: grid; gap: var(--tf-space-4); grid-template-columns: repeat(auto-fill, minmax(min(100%, 320px), 1fr)); }
      figure { margin: 0; min-width: 0; }
      figcaption { font-size: var(--tf-font-size-sm); color: var(--tf-color-text-muted); margin-bottom: var(--tf-space-1); overflow-wrap: anywhere; }
      img { max-width: 100%; height: auto; image-rendering: pixelated; border: 1px solid var(--tf-color-border); border-radius: var(--tf-radius-sm); background: var(--tf-color-surface); }
      .about { color: var(--tf-color-text-muted); font-size: var(--tf-font-size-sm); margin: 0 0 var(--tf-space-3); }
    `,
  ];

  @property({ attribute: false }) services!: AppServices;
  @property({ attribute: false }) runs: GridRun[] = [];
  /** The chosen epoch; null follows the latest grid (a training run's grids appear as it learns). */
  @state() private chosen: number | null = null;
  @state() private urls = new Map<string, string>();
  @state() private problem = '';
  private listing = new LiveQueryController<Map<string, number[]>>(this);
  private queried = '';
  private loading = '';

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.releaseUrls();
  }

  willUpdate(changed: PropertyValues<this>): void {
    const key = this.runs.map((r) => r.runId).join(',');
    if (changed.has('runs') && key !== this.queried) {
      this.queried = key;
      const ids = this.runs.map((r) => r.runId);
      const tracking = this.services.tracking;
      this.listing.setQuery(async () => {
        const lists = await Promise.all(
          ids.map((id) => tracking.listArtifacts(id, 'predictions').catch((): ArtifactInfo[] => [])),
        );
        return new Map(
          ids.map((id, i) => [
            id,
            lists[i]
              .map((a) => gridArtifactEpoch(a.path))
              .filter((e): e is number => e !== null)
              .sort((a, b) => a - b),
          ]),
        );
      });
    }
  }

  protected updated(): void {
    const epochs = this.allEpochs();
    this.hidden = epochs.length === 0;
    void this.loadShown();
  }

  private get epoch(): number {
    const epochs = this.allEpochs();
    return this.chosen ?? epochs[epochs.length - 1] ?? 0;
  }

  private allEpochs(): number[] {
    const listing = this.listing.value;
    if (!listing) return [];
    return [...new Set([...listing.values()].flat())].sort((a, b) => a - b);
  }

  /** Reads the shown grids' PNGs into object URLs (each once; released when the element goes). */
  private async loadShown(): Promise<void> {
    const listing = this.listing.value;
    if (!listing) return;
    const wanted = this.runs.flatMap((run) => {
      const epoch = shownEpoch(listing.get(run.runId) ?? [], this.epoch);
      return epoch === null ? [] : [`${run.runId}/${gridArtifactPath(epoch)}`];
    });
    const missing = wanted.filter((key) => !this.urls.has(key));
    const batch = missing.join('|');
    if (missing.length === 0 || this.loading === batch) return;
    this.loading = batch;
    try {
      const blobs = await Promise.all(
        missing.map((key) => {
          const slash = key.indexOf('/');
          return this.services.tracking.getArtifact(key.slice(0, slash), key.slice(slash + 1));
        }),
      );
      const urls = new Map(this.urls);
      missing.forEach((key, i) => urls.set(key, URL.createObjectURL(blobs[i])));
      this.urls = urls;
    } catch (error) {
      this.problem = `A prediction grid could not be read: ${errorMessage(error)}`;
    } finally {
      this.loading = '';
    }
  }

  private releaseUrls(): void {
    for (const url of this.urls.values()) URL.revokeObjectURL(url);
    this.urls = new Map();
  }

  render() {
    const epochs = this.allEpochs();
    if (epochs.length === 0) return nothing;
    const listing = this.listing.value!;
    const index = Math.max(0, epochs.indexOf(this.epoch));
    return html`
      <h2>Predictions by epoch</h2>
      <p class="about">Test images with the predicted class under each (✗ and a red frame: a mistake, with the true class in brackets).</p>
      <div class="controls">
        <label>Epoch
          <input type="range" aria-label="Epoch" min="0" max=${epochs.length - 1} step="1" .value=${String(index)}
            aria-valuetext=${`Epoch ${this.epoch + 1}`} @input=${(e: Event) => (this.chosen = epochs[Number((e.target as HTMLInputElement).value)])} />
        </label>
        <output aria-live="polite">Epoch ${this.epoch + 1} of ${epochs[epochs.length - 1] + 1}</output>
      </div>
      ${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : nothing}
      <div class="grids">
        ${this.runs.map((run) => {
          const epoch = shownEpoch(listing.get(run.runId) ?? [], this.epoch);
          const url = epoch === null ? undefined : this.urls.get(`${run.runId}/${gridArtifactPath(epoch)}`);
          const caption = this.runs.length > 1 ? `${run.label}, epoch ${epoch === null ? '–' : epoch + 1}` : '';
          return html`<figure>
            ${caption ? html`<figcaption>${caption}</figcaption>` : nothing}
            ${
              url
                ? html`<img src=${url} alt=${`Predictions of ${run.label} at epoch ${(epoch ?? 0) + 1}`} />`
                : html`<p class="empty">${epoch === null ? 'No grid at or before this epoch.' : 'Loading…'}</p>`
            }
          </figure>`;
        })}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'prediction-grids': PredictionGrids;
  }
}
