import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { DEFAULT_EXPERIMENT_ID, type Experiment, type Run } from '../../tracking';
import { LiveQueryController } from '../live-query-controller';
import type { AppServices, PageRoute } from '../services';

/**
 * #/experiments/<experimentId>: the experiments and the runs of the selected one, kept live from the database.
 */
@customElement('experiments-page')
export class ExperimentsPage extends LitElement {
  static styles = css`
    :host { display: flex; flex: 1; min-height: 0; }
    aside { width: 240px; border-right: 1px solid #d0d7de; background: #fff; padding: 12px; overflow: auto; }
    aside h2 { font-size: 13px; text-transform: uppercase; color: #57606a; margin: 4px 8px 8px; }
    aside ul { list-style: none; margin: 0; padding: 0; }
    aside a { display: block; padding: 6px 8px; border-radius: 6px; color: #1c2128; text-decoration: none; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    aside a[aria-current='page'] { background: #ddf4ff; font-weight: 600; }
    section { flex: 1; padding: 16px 24px; overflow: auto; }
    h1 { font-size: 20px; margin: 0 0 12px; }
    table { border-collapse: collapse; width: 100%; background: #fff; }
    th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid #eaeef2; font-size: 14px; }
    .empty { color: #57606a; }
  `;

  @property({ attribute: false }) services!: AppServices;
  @property({ attribute: false }) route!: PageRoute;

  private experiments = new LiveQueryController<Experiment[]>(this, () => this.services.tracking.searchExperiments());
  private runs = new LiveQueryController<Run[]>(this);
  private shownExperiment = '';

  private get experimentId(): string {
    return this.route?.segments[0] ?? DEFAULT_EXPERIMENT_ID;
  }

  willUpdate(): void {
    if (this.experimentId !== this.shownExperiment) {
      this.shownExperiment = this.experimentId;
      const experimentIds = [this.experimentId];
      this.runs.setQuery(() => this.services.tracking.searchRuns({ experimentIds, maxResults: Number.MAX_SAFE_INTEGER }));
    }
  }

  render() {
    const experiments = this.experiments.value ?? [];
    const current = experiments.find((e) => e.experimentId === this.experimentId);
    const runs = this.runs.value ?? [];
    return html`
      <aside aria-label="Experiments">
        <h2>Experiments</h2>
        <ul>
          ${experiments.map(
            (e) => html`<li><a href="#/experiments/${e.experimentId}" aria-current=${e.experimentId === this.experimentId ? 'page' : 'false'}>${e.name}</a></li>`,
          )}
        </ul>
      </aside>
      <section>
        <h1>${current?.name ?? 'Experiment'}</h1>
        ${runs.length === 0
          ? html`<p class="empty">No runs yet. Train a model in the Playground, or log runs with the tracking API.</p>`
          : html`<table aria-label="Runs">
              <thead><tr><th>Run name</th><th>Status</th><th>Started</th></tr></thead>
              <tbody>
                ${runs.map(
                  (r) => html`<tr>
                    <td>${r.info.runName}</td>
                    <td>${r.info.status}</td>
                    <td>${new Date(r.info.startTime).toLocaleString()}</td>
                  </tr>`,
                )}
              </tbody>
            </table>`}
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'experiments-page': ExperimentsPage;
  }
}
