import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { modelAliasUri, modelVersionUri, type ModelVersion } from '../../tracking';
import { LiveQueryController } from '../live-query-controller';
import { errorMessage, type AppServices } from '../services';
import '../images/draw-section';
import './model-actions';
import { modelsStyles } from './models-styles';
import { modelHref } from '../links';
import '../run-link';

/**
 * #/models/<name>/<version> or #/models/<name>/@<alias>: one model version — where it came from, its description
 * and tags — and what to do with it (predict, evaluate, download), loaded by the same models:/ URI.
 */
@customElement('model-version-view')
export class ModelVersionView extends LitElement {
  static styles = modelsStyles;

  @property({ attribute: false }) services!: AppServices;
  @property() name = '';
  /** A version number, or '@alias'. */
  @property() reference = '';
  @state() private error = '';
  private version = new LiveQueryController<ModelVersion | null>(this);
  private shown = '';

  private get uri(): string {
    return this.reference.startsWith('@')
      ? modelAliasUri(this.name, this.reference.slice(1))
      : modelVersionUri(this.name, Number(this.reference));
  }

  protected willUpdate(): void {
    const key = `${this.name}/${this.reference}`;
    if (key === this.shown) return;
    this.shown = key;
    const { name, reference } = this;
    const tracking = this.services.tracking;
    this.version.setQuery(() =>
      (reference.startsWith('@')
        ? tracking.getModelVersionByAlias(name, reference.slice(1))
        : tracking.getModelVersion(name, reference)
      ).catch((e: unknown) => {
        this.error = errorMessage(e);
        return null;
      }),
    );
  }

  private async act(what: string, change: () => Promise<unknown>, form: HTMLFormElement): Promise<void> {
    try {
      await change();
      form.reset();
      this.error = '';
    } catch (error) {
      this.error = `Could not ${what}: ${errorMessage(error)}`;
    }
  }

  private saveDescription(e: SubmitEvent, v: ModelVersion): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const description = String(new FormData(form).get('description') ?? '');
    void this.act(
      'save the description',
      () => this.services.tracking.updateModelVersion(v.name, v.version, { description }),
      form,
    );
  }

  private addTag(e: SubmitEvent, v: ModelVersion): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const key = String(data.get('key') ?? '').trim();
    void this.act(
      `set tag '${key}'`,
      () => this.services.tracking.setModelVersionTag(v.name, v.version, key, String(data.get('value') ?? '')),
      form,
    );
  }

  render() {
    const v = this.version.value;
    if (v === undefined) return html`<p class="note">Loading…</p>`;
    if (v === null)
      return html`<p class="error" role="alert">${this.error}</p><p><a href=${modelHref(this.name)}>Back to ${this.name}</a></p>`;
    const byAlias = this.reference.startsWith('@');
    return html`
      <p><a href="#/models">Registered models</a> / <a href=${modelHref(v.name)}>${v.name}</a> /</p>
      <h1>${v.name} version ${v.version}${byAlias ? html` <span class="chip">${this.reference}</span>` : ''}</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      <p>Loaded as <code>${this.uri}</code> from run <run-link .services=${this.services} runId=${v.runId}></run-link>, artifact path <code>${v.artifactPath}</code>.
        Aliases: ${v.aliases.length ? v.aliases.map((a) => html`<span class="chip">@${a}</span>`) : 'none'}.</p>
      <form class="inline" @submit=${(e: SubmitEvent) => this.saveDescription(e, v)}>
        <label>Version description<textarea name="description" rows="2" cols="50" .value=${v.description}></textarea></label>
        <button type="submit">Save description</button>
      </form>
      <div>${Object.entries(v.tags).map(([k, val]) => html`<span class="tag">${`${k}=${val}`}</span>`)}</div>
      <form class="inline" @submit=${(e: SubmitEvent) => this.addTag(e, v)}>
        <label>Tag key<input name="key" required /></label>
        <label>Tag value<input name="value" /></label>
        <button type="submit">Add tag</button>
      </form>
      <h2>Use this model</h2>
      <model-actions .services=${this.services} .modelUri=${this.uri}></model-actions>
      <draw-section .services=${this.services} runId=${v.runId} uri=${this.uri}></draw-section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'model-version-view': ModelVersionView;
  }
}
