import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ModelVersion, RegisteredModel } from '../../tracking';
import { LiveQueryController } from '../live-query-controller';
import { errorMessage, type AppServices } from '../services';
import { parseTagLines } from './tag-lines';
import { touchTargets } from '../primitives/touch-targets';
import { modelHref } from '../links';

/**
 * Registers a run's logged model as a new version of a named model (the name is created when it is new), with a
 * description and tags — MLflow's "Register model" dialog.
 *
 * @fires model-registered - detail: the new ModelVersion
 */
@customElement('register-model-form')
export class RegisterModelForm extends LitElement {
  static styles = [touchTargets, css`
    form { display: grid; gap: 10px; max-width: 520px; }
    label { display: grid; gap: 4px; font-size: var(--tf-font-size); color: var(--tf-color-text-muted); }
    input, textarea { font: inherit; font-size: var(--tf-font-size); padding: 6px 8px; border: 1px solid var(--tf-color-border); border-radius: 6px; }
    textarea { min-height: 48px; }
    button { justify-self: start; font: inherit; padding: 6px 14px; border-radius: 6px; border: 1px solid var(--tf-color-success); background: var(--tf-color-success); color: var(--tf-color-on-accent); cursor: pointer; }
    button[disabled] { opacity: 0.6; cursor: default; }
    .error { color: var(--tf-color-danger); margin: 0; }
    .done { color: var(--tf-color-success); margin: 0; }
  `];

  @property({ attribute: false }) services!: AppServices;
  @property() runId = '';
  @property() artifactPath = 'model';
  @state() private busy = false;
  @state() private error = '';
  @state() private registered: ModelVersion | null = null;

  private models = new LiveQueryController<RegisteredModel[]>(this, () => this.services.tracking.searchRegisteredModels());

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const name = String(data.get('name') ?? '').trim();
    this.error = '';
    this.registered = null;
    this.busy = true;
    try {
      const tags = parseTagLines(String(data.get('tags') ?? ''));
      const tracking = this.services.tracking;
      const version = await tracking.createModelVersion(name, this.runId, this.artifactPath, { description: String(data.get('description') ?? ''), tags });
      this.registered = await tracking.getModelVersion(name, version);
      this.dispatchEvent(new CustomEvent('model-registered', { detail: this.registered, bubbles: true, composed: true }));
    } catch (error) {
      this.error = `Could not register the model: ${errorMessage(error)}`;
    } finally {
      this.busy = false;
    }
  }

  render() {
    const names = (this.models.value ?? []).map((m) => m.name);
    const done = this.registered;
    return html`
      <form @submit=${this.submit}>
        <label>Model name (an existing one gets a new version)
          <input name="name" required list="registered-names" autocomplete="off" placeholder="spiral-classifier" />
          <datalist id="registered-names">${names.map((n) => html`<option value=${n}></option>`)}</datalist>
        </label>
        <label>Description<textarea name="description"></textarea></label>
        <label>Tags (key=value, one a line)<textarea name="tags" placeholder="team=vision"></textarea></label>
        <button type="submit" ?disabled=${this.busy}>${this.busy ? 'Registering…' : 'Register'}</button>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
        ${done
          ? html`<p class="done" role="status">Registered as <a href=${modelHref(done.name)}>${done.name} version ${done.version}</a>.</p>`
          : ''}
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'register-model-form': RegisterModelForm;
  }
}
