import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ModelVersion, Run } from '../../tracking';
import { LiveQueryController } from '../live-query-controller';
import { errorMessage, type AppServices } from '../services';
import { modelsStyles } from './models-styles';
import { formatTime } from '../../format';
import { modelHref, runHref } from '../links';

/**
 * The versions of a registered model: each links to its own page (predict, evaluate, download) and to the run it
 * came from; a version can be deleted after a second click that confirms.
 *
 * @fires registry-error - detail: the failure, in words
 */
@customElement('model-versions-table')
export class ModelVersionsTable extends LitElement {
  static styles = modelsStyles;

  @property({ attribute: false }) services!: AppServices;
  @property({ attribute: false }) versions: ModelVersion[] = [];
  @state() private confirming: number | null = null;
  /** Source runs by id, live, so a renamed or deleted run shows as such. */
  private runs = new LiveQueryController<Map<string, Run | null>>(this);
  private shownRunIds = '';

  protected willUpdate(): void {
    const ids = [...new Set(this.versions.map((v) => v.runId))];
    if (ids.join() !== this.shownRunIds) {
      this.shownRunIds = ids.join();
      const tracking = this.services.tracking;
      this.runs.setQuery(
        async () =>
          new Map(await Promise.all(ids.map(async (id) => [id, await tracking.getRun(id).catch(() => null)] as const))),
      );
    }
  }

  private async deleteVersion(v: ModelVersion): Promise<void> {
    this.confirming = null;
    try {
      await this.services.tracking.deleteModelVersion(v.name, v.version);
    } catch (error) {
      this.dispatchEvent(
        new CustomEvent('registry-error', { detail: `Could not delete version ${v.version}: ${errorMessage(error)}` }),
      );
    }
  }

  private sourceRun(v: ModelVersion) {
    const run = this.runs.value?.get(v.runId);
    if (run === null) return html`<span class="note">run ${v.runId} (no longer stored)</span>`;
    const deleted = run?.info.lifecycleStage === 'deleted' ? ' (deleted)' : '';
    return html`<a href=${runHref(v.runId)}>${run?.info.runName ?? v.runId}</a>${deleted}`;
  }

  render() {
    if (this.versions.length === 0) return html`<p class="empty">No versions. Register a run's model to add one.</p>`;
    return html`
      <table aria-label="Model versions">
        <thead><tr><th>Version</th><th>Registered</th><th>Source run</th><th>Aliases</th><th>Description</th><th>Tags</th><th></th></tr></thead>
        <tbody>
          ${this.versions.map(
            (v) => html`<tr>
              <td><a href=${modelHref(v.name, v.version)}>Version ${v.version}</a></td>
              <td>${formatTime(v.creationTimestamp)}</td>
              <td>${this.sourceRun(v)}</td>
              <td>${v.aliases.map((a) => html`<span class="chip">@${a}</span>`)}</td>
              <td>${v.description}</td>
              <td>${Object.entries(v.tags).map(([k, val]) => html`<span class="tag">${`${k}=${val}`}</span>`)}</td>
              <td>
                ${
                  this.confirming === v.version
                    ? html`<button class="small danger" @click=${() => void this.deleteVersion(v)}>Confirm delete version ${v.version}</button>
                      <button class="small" @click=${() => (this.confirming = null)}>Keep</button>`
                    : html`<button class="small danger" @click=${() => (this.confirming = v.version)}>Delete version ${v.version}</button>`
                }
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'model-versions-table': ModelVersionsTable;
  }
}
