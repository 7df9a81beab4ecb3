import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { SweepSnapshot } from '../../sweep';
import type { Run } from '../../tracking';
import { repeatSeedsHref } from '../sweep/repeat-seeds';
import { PARENT_GROUP } from '../runs-table/grouping';
import { compareHref, runHref } from '../links';
import type { AppServices } from '../services';
import { repeatSource, type RepeatSource } from './repeat-base';

/**
 * The parent run of the last repeat started from each run's page, for this session: coming back to the run page
 * (from Compare, say) still shows where its repeat went.
 */
const repeatStartedFrom = new Map<string, string>();

/**
 * A run page's "Repeat with seeds": asks for Seeds and starts the repeat at once — the run's setup N times with
 * seeds 1 … N as child runs of one new parent, on the sweep service's worker pool — then says where the runs
 * go: the parent run, and Compare of the repeats grouped into one mean line with its band. A run whose data is
 * not stored with it (an uploaded CSV or picture folder) says so and links to the Playground's repeat form.
 */
@customElement('run-repeat')
export class RunRepeat extends LitElement {
  static styles = css`
    :host { display: block; }
    p { margin: var(--tf-space-1) 0 0; font-size: var(--tf-font-size); }
    .note { color: var(--tf-color-text-muted); }
    .links { display: flex; flex-wrap: wrap; gap: var(--tf-space-1) var(--tf-space-4); }
    a { color: var(--tf-color-accent); }
  `;

  @property({ attribute: false }) services!: AppServices;
  @property({ attribute: false }) run!: Run;
  @state() private snapshot: SweepSnapshot | null = null;
  private source: RepeatSource | null = null;
  private unsubscribe: (() => void) | null = null;

  protected willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('run')) this.source = repeatSource(this.run, document.baseURI);
  }

  connectedCallback(): void {
    super.connectedCallback();
    this.unsubscribe = this.services.sweeps?.subscribe((snapshot) => (this.snapshot = snapshot)) ?? null;
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  /** Where the repeat this page started goes: its parent run, and Compare of the children started so far. */
  private renderWhere() {
    const snapshot = this.snapshot;
    const parentRunId = repeatStartedFrom.get(this.run.info.runId);
    if (!parentRunId || snapshot?.parentRunId !== parentRunId) return nothing;
    const children = snapshot.trials.flatMap((t) => (t.runId ? [t.runId] : []));
    const compare = `${compareHref(children)}&group=${encodeURIComponent(PARENT_GROUP)}`;
    return html`<p class="links">
      <span>Parent run: <a href=${runHref(parentRunId)}>${snapshot.parentRunName}</a></span>
      ${children.length ? html`<a href=${compare}>Compare the ${children.length} repeats</a>` : nothing}
    </p>`;
  }

  private started(parentRunId: string | null): void {
    if (parentRunId) repeatStartedFrom.set(this.run.info.runId, parentRunId);
    this.requestUpdate();
  }

  render() {
    const source = this.source;
    if (!source || !this.services.sweeps) return nothing;
    if (!source.base) {
      return html`<p class="note">Repeat with seeds: ${source.problem}
        <a href=${repeatSeedsHref(this.run.data.params, this.run.info.experimentId)}>Repeat in the Playground</a></p>`;
    }
    return html`<repeat-seeds .sweeps=${this.services.sweeps} .base=${source.base} experimentId=${this.run.info.experimentId}
        task=${source.task} ?hasTest=${source.hasTest}
        @repeat-started=${(e: CustomEvent<string | null>) => this.started(e.detail)}></repeat-seeds>
      ${this.renderWhere()}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'run-repeat': RunRepeat;
  }
}
