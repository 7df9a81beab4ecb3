import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { describeSource } from '../../ml/dataset-source';
import { isActive, MAX_POOL_SIZE, planTrials, SWEEP_SETTINGS, type SweepSnapshot, type TrialBase } from '../../sweep';
import { errorMessage, type SweepService } from '../services';
import { directionFor, formToDefinition, initialForm, type SweepForm } from './sweep-form';
import type { SettingChangeDetail } from './sweep-space-editor';
import './sweep-queue';
import './sweep-space-editor';
import { sweepStyles } from './sweep-styles';

export function metricChoices(task: 'classification' | 'regression', hasTest: boolean): string[] {
  const score = task === 'classification' ? 'accuracy' : 'mae';
  return hasTest ? [`val_${score}`, 'val_loss', score, 'loss'] : [score, 'loss'];
}

/**
 * `<sweep-panel>`: a hyperparameter sweep over the Playground's current setup. Mark settings as swept (a grid of
 * values, or random ranges), see how many trials that makes, start it on a pool of workers, and follow its queue.
 * The sweep itself lives in the `sweeps` service, so this panel can go away and come back to it.
 */
@customElement('sweep-panel')
export class SweepPanel extends LitElement {
  static styles = [
    sweepStyles,
    css`
      :host { display: block; margin-top: 16px; }
      section { display: grid; gap: 10px; border: 1px solid var(--tf-color-border); border-radius: 8px; padding: 12px; background: var(--tf-color-surface-2); }
      h2 { font-size: var(--tf-font-size-lg); margin: 0; }
      .head { display: flex; justify-content: space-between; align-items: center; gap: 8px; }
      .options { display: grid; gap: 8px; grid-template-columns: repeat(auto-fill, minmax(min(190px, 100%), 1fr)); align-items: end; }
      .count { font-weight: 600; font-size: var(--tf-font-size); margin: 0; }
    `,
  ];

  @property({ attribute: false }) sweeps: SweepService | undefined;
  /** The Playground's data and model as they are now; null while they cannot train. */
  @property({ attribute: false }) base: TrialBase | null = null;
  @property() task: 'classification' | 'regression' = 'classification';
  @property({ attribute: false }) hasTest = true;
  /** Where the parent and trial runs go: the experiment chosen in the Playground. */
  @property() experimentId = '0';

  @state() private open = false;
  @state() private form: SweepForm | null = null;
  @state() private snapshot: SweepSnapshot | null = null;
  @state() private startError = '';
  @state() private starting = false;
  private unsubscribe: (() => void) | null = null;
  private planned: { key: string; count: number; problem: string } | null = null;
  private subscribedTo: SweepService | undefined;

  protected willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('sweeps') && this.isConnected) this.subscribe();
    if (!this.form && this.base && this.sweeps) {
      this.form = initialForm(this.base.model, metricChoices(this.task, this.hasTest)[0], this.sweeps.defaultPoolSize);
    }
  }

  connectedCallback(): void {
    super.connectedCallback();
    this.subscribe();
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.subscribedTo = undefined;
  }

  private subscribe(): void {
    if (this.subscribedTo === this.sweeps && this.unsubscribe) return;
    this.unsubscribe?.();
    this.subscribedTo = this.sweeps;
    this.unsubscribe = this.sweeps?.subscribe((s) => (this.snapshot = s)) ?? null;
  }

  private patch(change: Partial<SweepForm>): void {
    if (this.form) this.form = { ...this.form, ...change };
    this.startError = '';
  }

  private onSettingChange(e: CustomEvent<SettingChangeDetail>): void {
    if (this.form) this.patch({ settings: { ...this.form.settings, [e.detail.key]: e.detail.draft } });
  }

  /** The trial count, or the first problem with the form, in words. */
  private plan(form: SweepForm, base: TrialBase): { count: number; problem: string } {
    // Renders come with every progress update; the plan changes only with the form or the Playground setup.
    const key = JSON.stringify([form, base.model, describeSource(base.source)]);
    if (this.planned?.key !== key) this.planned = { key, ...this.checkPlan(form, base) };
    return this.planned;
  }

  /** Every trial's config is checked, so a value the Playground could not train shows before starting. */
  private checkPlan(form: SweepForm, base: TrialBase): { count: number; problem: string } {
    try {
      const def = formToDefinition(form, base.model.epochs);
      const pool = Number(form.poolSize);
      if (!(Number.isInteger(pool) && pool >= 1 && pool <= MAX_POOL_SIZE)) {
        return { count: 0, problem: `Workers: enter a whole number from 1 to ${MAX_POOL_SIZE}.` };
      }
      return { count: planTrials(def, base).length, problem: '' };
    } catch (error) {
      return { count: 0, problem: errorMessage(error) };
    }
  }

  /** The form with a metric this data logs (switching to regression or dropping the test split changes the list). */
  private currentForm(): SweepForm | null {
    if (!this.form) return null;
    const metrics = metricChoices(this.task, this.hasTest);
    return metrics.includes(this.form.metric)
      ? this.form
      : { ...this.form, metric: metrics[0], direction: directionFor(metrics[0]) };
  }

  private async start(): Promise<void> {
    const { base, sweeps } = this;
    const form = this.currentForm();
    if (!form || !base || !sweeps) return;
    this.starting = true;
    this.startError = '';
    try {
      await sweeps.start({
        definition: formToDefinition(form, base.model.epochs),
        base,
        poolSize: Number(form.poolSize),
        batch: form.trainTogether,
        experimentId: this.experimentId,
      });
    } catch (error) {
      this.startError = `The sweep could not start: ${errorMessage(error)}`;
    } finally {
      this.starting = false;
    }
  }

  private options(form: SweepForm) {
    const metrics = metricChoices(this.task, this.hasTest);
    const value = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement).value;
    return html`
      <div class="row" role="radiogroup" aria-label="Search method">
        <label class="inline"><input type="radio" name="method" .checked=${form.method === 'grid'} @change=${() => this.patch({ method: 'grid' })} />Grid search (every combination)</label>
        <label class="inline"><input type="radio" name="method" .checked=${form.method === 'random'} @change=${() => this.patch({ method: 'random' })} />Random search</label>
      </div>
      <sweep-space-editor .settings=${form.settings} method=${form.method} ?disabled=${isActive(this.snapshot)} @setting-change=${this.onSettingChange}
        .unavailable=${this.base?.source.kind === 'csv' ? SWEEP_SETTINGS.filter((s) => s.dataset === 'recipe').map((s) => s.key) : []}></sweep-space-editor>
      <div class="options">
        ${
          form.method === 'random'
            ? html`<label>Number of trials<input type="number" min="1" step="1" .value=${form.trials} @input=${(e: Event) => this.patch({ trials: value(e) })} /></label>
              <label>Sampling seed<input type="number" step="1" .value=${form.seed} @input=${(e: Event) => this.patch({ seed: value(e) })} /></label>`
            : nothing
        }
        <label>Metric that picks the best trial
          <select @change=${(e: Event) => this.patch({ metric: value(e), direction: directionFor(value(e)) })}>
            ${metrics.map((m) => html`<option .value=${m} ?selected=${m === form.metric}>${m}</option>`)}
          </select></label>
        <label>Best is the
          <select @change=${(e: Event) => this.patch({ direction: value(e) as SweepForm['direction'] })}>
            <option value="minimize" ?selected=${form.direction === 'minimize'}>lowest (minimize)</option>
            <option value="maximize" ?selected=${form.direction === 'maximize'}>highest (maximize)</option>
          </select></label>
        <label>Workers (trials at once)<input type="number" min="1" max=${MAX_POOL_SIZE} step="1" .value=${form.poolSize}
          @input=${(e: Event) => this.patch({ poolSize: value(e) })} /></label>
        <label>Seeds per trial<input type="number" min="1" step="1" .value=${form.repeatSeeds ?? '1'}
          @input=${(e: Event) => this.patch({ repeatSeeds: value(e) })} /></label>
      </div>
      <label class="inline"><input type="checkbox" .checked=${form.earlyStopping} @change=${(e: Event) => this.patch({ earlyStopping: (e.target as HTMLInputElement).checked })} />
        Stop hopeless trials early (median rule: after 2 finished trials and a quarter of the epochs)</label>
      <label class="inline"><input type="checkbox" aria-describedby="together-note" .checked=${form.trainTogether} @change=${(e: Event) => this.patch({ trainTogether: (e.target as HTMLInputElement).checked })} />
        Train compatible trials together</label>
      <p class="note" id="together-note">Trials that differ only in learning rate, hidden units, seed or penalty train as one batched model per worker: much faster for small models, and each trial is still its own run.</p>
    `;
  }

  private readonly toggleOpen = () => {
    this.open = !this.open;
    // Whoever opens the sweep settings is about to start one: its workers load tfjs meanwhile.
    if (this.open) this.sweeps?.prepare(Number(this.form?.poolSize) || this.sweeps.defaultPoolSize);
  };

  render() {
    if (!this.sweeps) return nothing;
    const { base, snapshot } = this;
    const form = this.currentForm();
    const active = isActive(snapshot);
    const plan =
      form && base
        ? this.plan(form, base)
        : { count: 0, problem: 'Fix the Playground settings first: the sweep starts from them.' };
    return html`<section aria-labelledby="sweep-heading">
      <div class="head">
        <h2 id="sweep-heading">Hyperparameter sweep</h2>
        <button aria-expanded=${this.open ? 'true' : 'false'} @click=${this.toggleOpen}>
          ${this.open ? 'Hide sweep settings' : 'Set up a sweep'}</button>
      </div>
      ${this.open && form ? html`<fieldset ?disabled=${active}><legend>What to try</legend>${this.options(form)}</fieldset>` : nothing}
      ${
        this.open || active
          ? html`<div class="row">
            ${this.open ? html`<p class="count">${plan.problem ? nothing : `${plan.count} ${plan.count === 1 ? 'trial' : 'trials'}`}</p>` : nothing}
            <button class="primary" ?disabled=${active || this.starting || !!plan.problem || !base}
              @click=${this.start}>Start sweep</button>
            <button class="danger" ?disabled=${!active || snapshot?.status === 'cancelling'} @click=${() => this.sweeps?.cancel()}>Cancel sweep</button>
          </div>`
          : nothing
      }
      ${this.open && plan.problem ? html`<p class="error" aria-live="polite">${plan.problem}</p>` : nothing}
      ${this.startError ? html`<p class="error" role="alert">${this.startError}</p>` : nothing}
      ${snapshot ? html`<sweep-queue .snapshot=${snapshot}></sweep-queue>` : nothing}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sweep-panel': SweepPanel;
  }
}
