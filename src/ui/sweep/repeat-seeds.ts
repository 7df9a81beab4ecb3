import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { MAX_SEEDS, type SweepSnapshot, type TrialBase } from '../../sweep';
import { errorMessage, type SweepService } from '../services';
import { touchTargets } from '../primitives/touch-targets';
import { rerunHref } from '../playground/playground-link';
import { directionFor } from './sweep-form';
import { metricChoices } from './sweep-panel';

const DEFAULT_SEEDS = 3;

/** The Playground with a run's settings and the "Repeat with seeds" form open: the run page's way to repeat a run. */
export function repeatSeedsHref(params: Record<string, string>, experimentId?: string): string {
  const href = rerunHref(params, experimentId);
  return `${href}${href.includes('?') ? '&' : '?'}repeat=seeds`;
}

/**
 * "Repeat with seeds": runs the same config N times with model seeds 1 … N (optionally data seeds too) as child
 * runs of one parent, on the sweep service's worker pool — so a student sees the spread a recipe has before
 * believing one lucky run. Shown in the Playground (its current setup) and on a run page (that run's config).
 *
 * @fires repeat-started - detail: the parent run's id, once the repeat has started.
 */
@customElement('repeat-seeds')
export class RepeatSeeds extends LitElement {
  static styles = [
    touchTargets,
    css`
    :host { display: block; }
    form { display: flex; flex-wrap: wrap; align-items: center; gap: var(--tf-space-2) var(--tf-space-3); margin-top: var(--tf-space-2); font-size: var(--tf-font-size); }
    label { display: flex; align-items: center; gap: var(--tf-space-1); }
    input[type='number'] { width: 5em; font: inherit; }
    button { font: inherit; font-size: var(--tf-font-size); padding: 5px 12px; border: 1px solid var(--tf-color-border); border-radius: 6px; background: var(--tf-color-surface-2); color: var(--tf-color-text); cursor: pointer; }
    button.primary { background: var(--tf-color-accent); color: var(--tf-color-on-accent); border-color: var(--tf-color-accent); }
    .error { color: var(--tf-color-danger); margin: var(--tf-space-1) 0 0; }
    .status { color: var(--tf-color-text-muted); margin: var(--tf-space-1) 0 0; }
  `,
  ];

  @property({ attribute: false }) sweeps?: SweepService;
  /** The config to repeat; null while there is none (e.g. the run's config is still loading). */
  @property({ attribute: false }) base: TrialBase | null = null;
  @property() experimentId?: string;
  @property() task: 'classification' | 'regression' = 'classification';
  @property({ type: Boolean }) hasTest = true;
  /** Open the form at once (a run page's "Repeat with seeds" link arrives with it open). */
  @property({ type: Boolean }) startOpen = false;
  @state() private open = false;
  @state() private seeds = String(DEFAULT_SEEDS);
  @state() private dataSeeds = false;
  @state() private error = '';
  @state() private snapshot: SweepSnapshot | null = null;
  /** The parent run of the repeat this element started, to report on it and nothing else. */
  @state() private startedParent: string | null = null;
  private unsubscribe: (() => void) | null = null;

  protected willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('startOpen') && this.startOpen) this.open = true;
  }

  connectedCallback(): void {
    super.connectedCallback();
    this.unsubscribe = this.sweeps?.subscribe((snapshot) => (this.snapshot = snapshot)) ?? null;
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private async start(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const { sweeps, base } = this;
    if (!sweeps || !base) return;
    const seeds = Number(this.seeds);
    const metric = metricChoices(this.task, this.hasTest)[0];
    this.error = '';
    try {
      await sweeps.start({
        definition: {
          method: 'grid',
          space: {},
          metric,
          direction: directionFor(metric),
          repeats: { seeds, dataSeeds: this.dataSeeds },
        },
        base,
        poolSize: sweeps.defaultPoolSize,
        experimentId: this.experimentId,
      });
      this.startedParent = sweeps.current?.parentRunId ?? null;
      this.open = false;
      this.dispatchEvent(
        new CustomEvent('repeat-started', { detail: this.startedParent, bubbles: true, composed: true }),
      );
    } catch (error) {
      this.error = `Could not repeat with seeds: ${errorMessage(error)}`;
    }
  }

  private statusText(): string {
    const snapshot = this.snapshot;
    if (!snapshot || !this.startedParent || snapshot.parentRunId !== this.startedParent) return '';
    const { total, counts } = snapshot.progress;
    const ended = total - (counts.pending ?? 0) - (counts.running ?? 0);
    if (snapshot.status === 'running' || snapshot.status === 'starting')
      return `Repeating with seeds: ${ended} of ${total} done.`;
    return `Repeat with ${total} seeds ${snapshot.status} (${snapshot.parentRunName}).${snapshot.message ? ` ${snapshot.message}` : ''}`;
  }

  render() {
    if (!this.sweeps) return nothing;
    const status = this.statusText();
    return html`
      <button type="button" aria-expanded=${this.open ? 'true' : 'false'} ?disabled=${!this.base} @click=${() => (this.open = !this.open)}>Repeat with seeds</button>
      ${
        this.open
          ? html`<form aria-label="Repeat with seeds" @submit=${this.start}>
            <label>Seeds <input type="number" min="1" max=${MAX_SEEDS} step="1" required .value=${this.seeds}
              @input=${(e: Event) => (this.seeds = (e.target as HTMLInputElement).value)} /></label>
            <label><input type="checkbox" .checked=${this.dataSeeds} @change=${(e: Event) => (this.dataSeeds = (e.target as HTMLInputElement).checked)} />Vary the data seed too</label>
            <button class="primary" type="submit">Start</button>
          </form>`
          : nothing
      }
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${status ? html`<p class="status" role="status">${status}</p>` : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'repeat-seeds': RepeatSeeds;
  }
}
