import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Experiment, Run } from '../../tracking';
import { LiveQueryController } from '../live-query-controller';
import '../images/confusion-examples';
import '../images/draw-section';
import '../images/prediction-grids';
import '../run/run-artifacts';
import '../run/run-header';
import '../run/run-metrics';
import { loggedModelPaths } from '../run/run-model';
import '../run/run-model';
import { NOTE_TAG } from '../run/run-note';
import '../run/run-note';
import '../run/run-overview';
import '../run/run-params';
import '../run/run-confusion';
import '../run/run-replay';
import '../run/run-tags';
import type { AppServices, PageRoute } from '../services';
import { experimentHref } from '../links';

interface RunView {
  run: Run;
  experiment: Experiment | null;
  parent: Run | null;
  children: Run[];
}

/**
 * #/run/<runId>: everything about one run, kept live (a running run's status, metrics and charts update as it
 * trains): overview, description, params, metrics with charts, tags, logged model and artifacts.
 */
@customElement('run-page')
export class RunPage extends LitElement {
  static styles = css`
    :host { display: block; flex: 1; overflow: auto; background: var(--tf-color-surface-2); }
    .page { max-width: 1280px; margin: 0 auto; padding: 16px 24px 48px; display: flex; flex-direction: column; gap: 16px; }
    .crumbs { font-size: var(--tf-font-size); color: var(--tf-color-text-muted); }
    .crumbs a { color: var(--tf-color-accent); text-decoration: underline; text-underline-offset: 2px; }
    .two { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 16px; align-items: start; }
    @media (max-width: 900px) { .two { grid-template-columns: 1fr; } }
    @media (max-width: 719px) { .page { padding: var(--tf-space-3) var(--tf-space-3) var(--tf-space-6); } }
    .missing { padding: 40px; color: var(--tf-color-text-muted); }
    .missing a { color: var(--tf-color-accent); }
  `;

  @property({ attribute: false }) services!: AppServices;
  @property({ attribute: false }) route!: PageRoute;
  private view = new LiveQueryController<RunView | null>(this);
  private shownRunId: string | null = null;

  private get runId(): string {
    return this.route?.segments[0] ?? '';
  }

  willUpdate(): void {
    if (this.runId === this.shownRunId) return;
    const runId = (this.shownRunId = this.runId);
    const tracking = this.services.tracking;
    this.view.value = undefined;
    this.view.setQuery(async () => {
      const run = await tracking.getRun(runId).catch(() => null);
      if (!run) return null;
      const [experiment, parent, children] = await Promise.all([
        tracking.getExperiment(run.info.experimentId).catch(() => null),
        run.info.parentRunId ? tracking.getRun(run.info.parentRunId).catch(() => null) : null,
        // By index: a scan of the experiment would re-run this query on every write to any of its runs.
        tracking.getChildRuns(runId, { viewType: 'ALL' }),
      ]);
      return { run, experiment, parent, children };
    });
  }

  render() {
    const view = this.view.value;
    if (view === undefined) return html`<p class="missing">Loading run…</p>`;
    if (view === null) {
      return html`<p class="missing" role="status">There is no run with id “${this.runId}”. It may have been purged. <a href="#/experiments">Back to experiments</a></p>`;
    }
    const { run, experiment } = view;
    const { info, data } = run;
    const modelPaths = loggedModelPaths(data.tags);
    return html`<div class="page">
      <nav class="crumbs" aria-label="Breadcrumb">
        <a href=${experimentHref(info.experimentId)}>${experiment?.name ?? 'Experiment'}</a> › ${info.runName}
      </nav>
      <run-header .services=${this.services} .run=${run}></run-header>
      ${modelPaths.length ? html`<run-model .services=${this.services} .runId=${info.runId} .artifactPaths=${modelPaths}></run-model>` : nothing}
      <div class="two">
        <run-overview .run=${run} .experiment=${experiment} .parentRun=${view.parent} .childRuns=${view.children}></run-overview>
        <run-note .services=${this.services} .runId=${info.runId} .note=${data.tags[NOTE_TAG] ?? ''}></run-note>
      </div>
      <run-metrics .services=${this.services} .run=${run}></run-metrics>
      <prediction-grids .services=${this.services} .runs=${[{ runId: info.runId, label: info.runName }]}></prediction-grids>
      ${modelPaths.length ? html`<draw-section .services=${this.services} runId=${info.runId} uri=${`runs:/${info.runId}/${modelPaths[0]}`}></draw-section>` : nothing}
      <run-replay .services=${this.services} runId=${info.runId}></run-replay>
      <run-confusion .services=${this.services} runId=${info.runId}>
        <confusion-examples slot="cell" .services=${this.services} runId=${info.runId}></confusion-examples>
      </run-confusion>
      <div class="two">
        <run-params .params=${data.params}></run-params>
        <run-tags .services=${this.services} .runId=${info.runId} .tags=${data.tags}></run-tags>
      </div>
      <run-artifacts .services=${this.services} .runId=${info.runId}></run-artifacts>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'run-page': RunPage;
  }
}
