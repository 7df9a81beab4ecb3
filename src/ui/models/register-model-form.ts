import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ModelVersion, RegisteredModel } from '../../tracking';
import { LiveQueryController } from '../live-query-controller';
import { errorMessage, type AppServices } from '../services';
import { parseTagLines } from './tag-lines';
import { touchTargets } from '../primitives/touch-targets';
import { fieldStyles } from '../primitives/controls';
import { formField, formFieldStyles } from '../primitives/form-field';
import { modelHref } from '../links';

/**
 * Registers a run's logged model as a new version of a named model (the name is created when it is new), with a
 * description and tags — MLflow's "Register model" dialog.
 *
 * @fires model-registered - detail: the new ModelVersion
 */
@customElement('register-model-form')
export class RegisterModelForm extends LitElement {
  static styles = [
    fieldStyles,
    formFieldStyles,
    touchTargets,
    css`
    form { display: grid; gap: 10px; max-width: 520px; }
    textarea { min-height: 48px; }
    button { justify-self: start; font: inherit; padding: 6px 14px; border-radius: 6px; border: 1px solid var(--tf-color-success); background: var(--tf-color-success); color: var(--tf-color-on-accent); cursor: pointer; }
    button[disabled] { opacity: 0.6; cursor: default; }
    .error { color: var(--tf-color-danger); margin: 0; }
    .done { color: var(--tf-color-success); margin: 0; }
  `,
  ];

  @property({ attribute: false }) services!: AppServices;
  @property() runId = '';
  @property() artifactPath = 'model';
  @state() private busy = false;
  @state() private error = '';
  /** A tag line that is not key=value: shown under the Tags field, which it marks invalid. */
  @state() private tagsError = '';
  @state() private registered: ModelVersion | null = null;

  private models = new LiveQueryController<RegisteredModel[]>(this, () =>
    this.services.tracking.searchRegisteredModels(),
  );

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const name = String(data.get('name') ?? '').trim();
    this.error = '';
    this.tagsError = '';
    this.registered = null;
    let tags: Record<string, string>;
    try {
      tags = parseTagLines(String(data.get('tags') ?? ''));
    } catch (error) {
      this.tagsError = errorMessage(error);
      return;
    }
    this.busy = true;
    try {
      const tracking = this.services.tracking;
      const version = await tracking.createModelVersion(name, this.runId, this.artifactPath, {
        description: String(data.get('description') ?? ''),
        tags,
      });
      this.registered = await tracking.getModelVersion(name, version);
      this.dispatchEvent(
        new CustomEvent('model-registered', { detail: this.registered, bubbles: true, composed: true }),
      );
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
        ${formField({
          id: 'model-name',
          label: 'Model name',
          hint: 'An existing name gets a new version.',
          control: (w) =>
            html`<input id=${w.id} aria-describedby=${w.describedBy} name="name" required list="registered-names" autocomplete="off" placeholder="spiral-classifier" />`,
        })}
        <datalist id="registered-names">${names.map((n) => html`<option value=${n}></option>`)}</datalist>
        ${formField({ id: 'model-description', label: 'Description', control: (w) => html`<textarea id=${w.id} name="description"></textarea>` })}
        ${formField({
          id: 'model-tags',
          label: 'Tags (key=value, one a line)',
          error: this.tagsError,
          control: (w) =>
            html`<textarea id=${w.id} aria-describedby=${w.describedBy} aria-invalid=${w.invalid} name="tags" placeholder="team=vision"></textarea>`,
        })}
        <button type="submit" ?disabled=${this.busy}>${this.busy ? 'Registering…' : 'Register'}</button>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
        ${
          done
            ? html`<p class="done" role="status">Registered as <a href=${modelHref(done.name)}>${done.name} version ${done.version}</a>.</p>`
            : ''
        }
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'register-model-form': RegisterModelForm;
  }
}
