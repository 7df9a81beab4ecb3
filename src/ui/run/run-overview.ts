import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Experiment, Run } from '../../tracking';
import { formatDuration, formatTime } from '../../format';
import { runDuration } from '../runs-table/columns';
import { runSectionStyles } from './run-styles';
import { experimentHref, runHref } from '../links';

/** The run's facts, as MLflow's overview lists them: ids, times, experiment, parent and children, source, user. */
@customElement('run-overview')
export class RunOverview extends LitElement {
  static styles = [
    runSectionStyles,
    css`
      dl { display: grid; grid-template-columns: max-content 1fr; gap: 8px 24px; margin: 0; font-size: var(--tf-font-size); }
      dt { color: var(--tf-color-text-muted); }
      dd { margin: 0; overflow-wrap: anywhere; }
      a { color: var(--tf-color-accent); text-decoration: none; }
      a:hover { text-decoration: underline; }
      ul { margin: 0; padding: 0; list-style: none; display: flex; flex-wrap: wrap; gap: 4px 12px; }
      .datasets li { display: block; }
    `,
  ];

  @property({ attribute: false }) run!: Run;
  @property({ attribute: false }) experiment: Experiment | null = null;
  @property({ attribute: false }) parentRun: Run | null = null;
  @property({ attribute: false }) childRuns: Run[] = [];

  private link(run: Run) {
    return html`<a href=${runHref(run.info.runId)}>${run.info.runName}</a>`;
  }

  render() {
    const { info, data, inputs } = this.run;
    const duration = runDuration(this.run);
    const tags = data.tags;
    const source = [tags['mlflow.source.name'], tags['mlflow.source.type']].filter(Boolean).join(' · ');
    return html`<h2>Overview</h2>
      <dl>
        <dt>Run ID</dt><dd class="mono">${info.runId}</dd>
        <dt>Status</dt><dd>${info.status}${info.lifecycleStage === 'deleted' ? ' (deleted)' : ''}</dd>
        <dt>Started</dt><dd>${formatTime(info.startTime)}</dd>
        <dt>Ended</dt><dd>${info.endTime ? formatTime(info.endTime) : '—'}</dd>
        <dt>Duration</dt><dd>${duration === undefined ? '—' : formatDuration(duration)}${info.status === 'RUNNING' ? ' so far' : ''}</dd>
        <dt>Experiment</dt><dd>${this.experiment ? html`<a href=${experimentHref(this.experiment.experimentId)}>${this.experiment.name}</a>` : info.experimentId}</dd>
        ${info.parentRunId ? html`<dt>Parent run</dt><dd>${this.parentRun ? this.link(this.parentRun) : html`<span class="mono">${info.parentRunId}</span>`}</dd>` : nothing}
        ${this.childRuns.length ? html`<dt>Child runs</dt><dd><ul>${this.childRuns.map((c) => html`<li>${this.link(c)}</li>`)}</ul></dd>` : nothing}
        <dt>Source</dt><dd>${source || '—'}</dd>
        <dt>User</dt><dd>${info.userId}</dd>
        <dt>Backend</dt><dd>${tags['tabflow.backend'] ?? '—'}</dd>
        <dt>Artifact URI</dt><dd class="mono">${info.artifactUri || '—'}</dd>
        ${
          inputs.datasetInputs.length
            ? html`<dt>Datasets</dt><dd><ul class="datasets">${inputs.datasetInputs.map(
                (d) =>
                  html`<li>${d.name} <span class="mono">(${d.digest})</span>${d.context ? ` · ${d.context}` : ''}${d.source ? ` · ${d.source}` : ''}</li>`,
              )}</ul></dd>`
            : nothing
        }
        ${tags['tabflow.error'] ? html`<dt>Error</dt><dd class="error">${tags['tabflow.error']}</dd>` : nothing}
        ${tags['tabflow.killedReason'] ? html`<dt>Ended because</dt><dd>${tags['tabflow.killedReason']}</dd>` : nothing}
      </dl>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'run-overview': RunOverview;
  }
}
