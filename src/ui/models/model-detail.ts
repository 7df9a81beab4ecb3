import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ModelVersion, RegisteredModel } from '../../tracking';
import { LiveQueryController } from '../live-query-controller';
import { errorMessage, type AppServices } from '../services';
import './model-versions-table';
import { modelsStyles } from './models-styles';
import './version-evaluations';
import { modelAliasHref } from '../links';

interface Detail {
  model: RegisteredModel;
  versions: ModelVersion[];
}

/**
 * #/models/<name>: one registered model — description, tags, aliases and its versions (each linked to the run
 * it came from), with setting and moving aliases and deleting the model.
 */
@customElement('model-detail')
export class ModelDetail extends LitElement {
  static styles = modelsStyles;

  @property({ attribute: false }) services!: AppServices;
  @property() name = '';
  @state() private error = '';
  @state() private confirmDelete = false;
  @state() private editing = false;
  private detail = new LiveQueryController<Detail | null>(this);
  private shownName = '';

  protected willUpdate(): void {
    if (this.name !== this.shownName) {
      this.shownName = this.name;
      const name = this.name;
      const tracking = this.services.tracking;
      this.detail.setQuery(async () => {
        const models = await tracking.searchRegisteredModels();
        const model = models.find((m) => m.name === name);
        return model ? { model, versions: await tracking.searchModelVersions({ name }) } : null;
      });
    }
  }

  /** Runs a registry change and shows its failure in words; the live query shows its success. */
  private async act(what: string, change: () => Promise<unknown>): Promise<boolean> {
    this.error = '';
    try {
      await change();
      return true;
    } catch (error) {
      this.error = `Could not ${what}: ${errorMessage(error)}`;
      return false;
    }
  }

  private async setAlias(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const alias = String(data.get('alias') ?? '').trim();
    const version = String(data.get('version') ?? '');
    if (
      await this.act(`set alias '${alias}'`, () =>
        this.services.tracking.setRegisteredModelAlias(this.name, alias, version),
      )
    )
      form.reset();
  }

  private async addTag(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const key = String(data.get('key') ?? '').trim();
    if (
      await this.act(`set tag '${key}'`, () =>
        this.services.tracking.setRegisteredModelTag(this.name, key, String(data.get('value') ?? '')),
      )
    )
      form.reset();
  }

  private async saveDescription(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const description = String(new FormData(e.target as HTMLFormElement).get('description') ?? '');
    if (
      await this.act('save the description', () =>
        this.services.tracking.updateRegisteredModel(this.name, { description }),
      )
    )
      this.editing = false;
  }

  private async deleteModel(): Promise<void> {
    if (await this.act(`delete model '${this.name}'`, () => this.services.tracking.deleteRegisteredModel(this.name)))
      location.hash = '#/models';
  }

  render() {
    const detail = this.detail.value;
    if (this.detail.error)
      return html`<p class="error" role="alert">Could not read model '${this.name}': ${errorMessage(this.detail.error)}</p>`;
    if (detail === undefined) return html`<p class="note">Loading…</p>`;
    if (detail === null)
      return html`<p class="error" role="alert">There is no registered model named '${this.name}'. <a href="#/models">See all models</a>.</p>`;
    const { model, versions } = detail;
    const tracking = this.services.tracking;
    return html`
      <p><a href="#/models">Registered models</a> /</p>
      <h1>${model.name}</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${
        this.editing
          ? html`<form class="inline" @submit=${this.saveDescription}>
            <label>Description<textarea name="description" rows="3" cols="60" .value=${model.description}></textarea></label>
            <button type="submit">Save description</button><button type="button" @click=${() => (this.editing = false)}>Cancel</button>
          </form>`
          : html`<p class="description">${model.description || html`<span class="note">No description.</span>`}</p>
            <button class="small" @click=${() => (this.editing = true)}>Edit description</button>`
      }

      <h2>Tags</h2>
      <div>
        ${Object.entries(model.tags).map(
          ([k, v]) =>
            html`<span class="chip">${`${k}=${v}`}<button aria-label="Remove tag ${k}" @click=${() => this.act(`remove tag '${k}'`, () => tracking.deleteRegisteredModelTag(this.name, k))}>×</button></span>`,
        )}
      </div>
      <form class="inline" @submit=${this.addTag}>
        <label>Tag key<input name="key" required /></label>
        <label>Tag value<input name="value" /></label>
        <button type="submit">Add tag</button>
      </form>

      <h2>Aliases</h2>
      <div>
        ${Object.keys(model.aliases).length === 0 ? html`<span class="note">No aliases. An alias such as "champion" names the version to use.</span>` : ''}
        ${Object.entries(model.aliases).map(
          ([alias, v]) =>
            html`<span class="chip"><a href=${modelAliasHref(model.name, alias)}>@${alias}</a> → version ${v}<button aria-label="Remove alias ${alias}" @click=${() => this.act(`remove alias '${alias}'`, () => tracking.deleteRegisteredModelAlias(this.name, alias))}>×</button></span>`,
        )}
      </div>
      ${
        versions.length
          ? html`<form class="inline" @submit=${this.setAlias}>
            <label>Alias name<input name="alias" required placeholder="champion" /></label>
            <label>Alias version<select name="version">${versions.map((v) => html`<option value=${v.version}>${v.version}</option>`)}</select></label>
            <button type="submit">Set alias</button>
          </form>`
          : ''
      }

      <h2>Versions</h2>
      <model-versions-table .services=${this.services} .versions=${versions} @registry-error=${(e: CustomEvent<string>) => (this.error = e.detail)}></model-versions-table>

      <h2>Evaluations</h2>
      <version-evaluations .services=${this.services} .name=${model.name}></version-evaluations>

      <h2>Delete</h2>
      ${
        this.confirmDelete
          ? html`<p>Delete '${model.name}' with its ${versions.length} version(s) and aliases? The runs and their models stay.</p>
            <button class="small danger" @click=${() => void this.deleteModel()}>Yes, delete model ${model.name}</button>
            <button class="small" @click=${() => (this.confirmDelete = false)}>Keep it</button>`
          : html`<button class="small danger" @click=${() => (this.confirmDelete = true)}>Delete model</button>`
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'model-detail': ModelDetail;
  }
}
