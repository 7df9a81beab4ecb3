import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import '../models/model-actions';
import { errorMessage, type AppServices } from '../services';
import { summarizeModel, type ModelSummary } from './model-summary';
import { runSectionStyles } from './run-styles';
import { formatCount } from '../../format';

type Loaded = { artifactPath: string; summary: ModelSummary } | { artifactPath: string; error: string };

/** The artifact paths of the run's logged models, from MLflow's `mlflow.log-model.history` tag. */
export function loggedModelPaths(tags: Record<string, string>): string[] {
  try {
    const history = JSON.parse(tags['mlflow.log-model.history'] ?? '[]') as { artifact_path?: string }[];
    return [...new Set(history.map((h) => h.artifact_path).filter((p): p is string => typeof p === 'string'))];
  } catch {
    return [];
  }
}

/** Each logged model's layers and parameter count, read from its stored model.json (tfjs is not loaded). */
@customElement('run-model')
export class RunModel extends LitElement {
  static styles = [
    runSectionStyles,
    css`
      .model + .model { margin-top: 20px; }
      h3 { font-size: var(--tf-font-size); margin: 0 0 8px; font-weight: 600; }
      .meta { color: var(--tf-color-text-muted); font-size: var(--tf-font-size); margin: 0 0 8px; }
      tfoot td { font-weight: 600; }
      model-actions { margin-top: 12px; }
    `,
  ];

  @property({ attribute: false }) services!: AppServices;
  @property() runId = '';
  @property({ attribute: false }) artifactPaths: string[] = [];
  @state() private models: Loaded[] = [];
  private loadedKey = '';

  protected willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('runId') && !changed.has('artifactPaths')) return;
    const key = `${this.runId}\n${this.artifactPaths.join('\n')}`;
    if (key === this.loadedKey) return;
    this.loadedKey = key;
    void this.load(key);
  }

  private async load(key: string): Promise<void> {
    const { runId } = this;
    const models = await Promise.all(
      this.artifactPaths.map(async (artifactPath): Promise<Loaded> => {
        try {
          const blob = await this.services.tracking.getArtifact(runId, `${artifactPath}/model.json`);
          return { artifactPath, summary: summarizeModel(await blob.text()) };
        } catch (error) {
          return { artifactPath, error: `Could not read the model at “${artifactPath}”: ${errorMessage(error)}` };
        }
      }),
    );
    if (key === this.loadedKey) this.models = models;
  }

  private model(loaded: Loaded) {
    if ('error' in loaded)
      return html`<div class="model"><h3>${loaded.artifactPath}</h3><p class="error" role="alert">${loaded.error}</p></div>`;
    const { summary } = loaded;
    return html`<div class="model">
      <h3>${loaded.artifactPath}</h3>
      <p class="meta">${summary.modelClass} · ${summary.layers.length} layers · ${formatCount(summary.totalParams)} parameters${summary.generatedBy ? ` · ${summary.generatedBy}` : ''}</p>
      <model-actions .services=${this.services} .runId=${this.runId} .artifactPath=${loaded.artifactPath}></model-actions>
      <table aria-label=${`Layers of ${loaded.artifactPath}`}>
        <thead><tr><th scope="col">Layer</th><th scope="col">Type</th><th scope="col">Config</th><th scope="col" class="num">Params</th></tr></thead>
        <tbody>${summary.layers.map((l) => html`<tr><td>${l.name}</td><td>${l.type}</td><td class="mono">${l.details}</td><td class="num">${formatCount(l.params)}</td></tr>`)}</tbody>
        <tfoot><tr><td colspan="3">Total parameters</td><td class="num">${formatCount(summary.totalParams)}</td></tr></tfoot>
      </table>
    </div>`;
  }

  render() {
    if (this.artifactPaths.length === 0) return nothing;
    return html`<h2>Logged model</h2>${this.models.map((m) => this.model(m))}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'run-model': RunModel;
  }
}
