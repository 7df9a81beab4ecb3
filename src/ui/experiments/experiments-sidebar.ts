import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { DEFAULT_EXPERIMENT_ID, type Experiment } from '../../tracking';
import { LiveQueryController } from '../live-query-controller';
import { errorMessage, type AppServices } from '../services';
import { touchTargets } from '../primitives/touch-targets';
import { experimentHref } from '../links';

type Editing =
  { kind: 'create' } | { kind: 'rename'; experimentId: string } | { kind: 'delete'; experimentId: string } | null;

/**
 * The experiments list: create, rename and soft-delete (MLflow's lifecycle), and a Deleted view to restore from.
 * Default cannot be deleted. Failures (a duplicate name, an empty one) show in words under the form.
 */
@customElement('experiments-sidebar')
export class ExperimentsSidebar extends LitElement {
  static styles = [
    touchTargets,
    css`
    :host { display: flex; flex-direction: column; width: 260px; flex: none; border-right: 1px solid var(--tf-color-border); background: var(--tf-color-surface); min-height: 0; }
    .top { display: flex; align-items: center; justify-content: space-between; padding: 14px 12px 8px 16px; }
    h2 { font-size: var(--tf-font-size-sm); text-transform: uppercase; letter-spacing: .04em; color: var(--tf-color-text-muted); margin: 0; }
    .views { display: flex; gap: 4px; padding: 0 12px 8px; }
    .views button { flex: 1; }
    button { font: inherit; font-size: var(--tf-font-size); padding: 4px 10px; border: 1px solid var(--tf-color-border); border-radius: 6px; background: var(--tf-color-surface-2); color: var(--tf-color-text); cursor: pointer; }
    button:hover { background: color-mix(in srgb, var(--tf-color-border) 55%, transparent); }
    button[aria-pressed='true'] { background: var(--tf-color-text); color: var(--tf-color-on-accent); border-color: var(--tf-color-text); }
    button.primary { background: var(--tf-color-success); color: var(--tf-color-on-accent); border-color: var(--tf-color-success); }
    button.danger { background: var(--tf-color-danger); color: var(--tf-color-on-accent); border-color: var(--tf-color-danger); }
    ul { list-style: none; margin: 0; padding: 0 8px 12px; overflow: auto; flex: 1; }
    li { border-radius: 6px; }
    .item { display: flex; align-items: center; border-radius: 6px; }
    .item:hover { background: var(--tf-color-surface-2); }
    .item a { flex: 1; padding: 7px 8px; color: var(--tf-color-text); text-decoration: none; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-size: var(--tf-font-size); }
    .item a[aria-current='page'] { font-weight: 600; color: var(--tf-color-accent); }
    .item:has(a[aria-current='page']) { background: color-mix(in srgb, var(--tf-color-accent) 12%, var(--tf-color-surface)); }
    /* Faded, not hidden: the buttons stay in the accessibility tree and reachable with Tab. */
    .item .icon { border: 0; background: transparent; padding: 4px 6px; color: var(--tf-color-text-muted); opacity: 0; }
    .item:hover .icon, .item:focus-within .icon, .item:has(a[aria-current='page']) .icon { opacity: 1; }
    .deleted-name { flex: 1; padding: 7px 8px; font-size: var(--tf-font-size); color: var(--tf-color-text-muted); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    form, .confirm { display: flex; flex-direction: column; gap: 6px; padding: 8px; margin: 2px 0 6px; background: var(--tf-color-surface-2); border: 1px solid var(--tf-color-border); border-radius: 6px; font-size: var(--tf-font-size); }
    form label { font-size: var(--tf-font-size-sm); color: var(--tf-color-text-muted); }
    input { font: inherit; font-size: var(--tf-font-size); padding: 5px 8px; border: 1px solid var(--tf-color-border); border-radius: 6px; }
    .row { display: flex; gap: 6px; }
    .error { color: var(--tf-color-danger); font-size: var(--tf-font-size-sm); margin: 0; }
    .empty { color: var(--tf-color-text-muted); font-size: var(--tf-font-size); padding: 8px; }
  `,
  ];

  @property({ attribute: false }) services!: AppServices;
  /** The experiment whose runs the page shows. */
  @property() currentId = DEFAULT_EXPERIMENT_ID;
  @state() private showDeleted = false;
  @state() private editing: Editing = null;
  @state() private formError = '';

  private experiments = new LiveQueryController<Experiment[]>(this, () =>
    this.services.tracking.searchExperiments({ viewType: 'ALL' }),
  );

  private edit(editing: Editing): void {
    this.editing = editing;
    this.formError = '';
    if (editing && editing.kind !== 'delete')
      void this.updateComplete.then(() => this.renderRoot.querySelector('input')?.focus());
  }

  private async attempt(action: () => Promise<unknown>): Promise<void> {
    try {
      await action();
      this.edit(null);
    } catch (error) {
      this.formError = errorMessage(error);
    }
  }

  private submitName(e: SubmitEvent): void {
    e.preventDefault();
    const name = new FormData(e.target as HTMLFormElement).get('name')?.toString().trim() ?? '';
    const editing = this.editing;
    const tracking = this.services.tracking;
    if (editing?.kind === 'create') {
      void this.attempt(async () => {
        const id = await tracking.createExperiment(name);
        location.hash = experimentHref(id);
      });
    } else if (editing?.kind === 'rename') {
      void this.attempt(() => tracking.renameExperiment(editing.experimentId, name));
    }
  }

  private nameForm(label: string, submitLabel: string, value = '') {
    return html`<form @submit=${this.submitName} @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.edit(null)}>
      <label for="experiment-name">${label}</label>
      <input id="experiment-name" name="name" .value=${value} required maxlength="500" autocomplete="off" />
      ${this.formError ? html`<p class="error" role="alert">${this.formError}</p>` : nothing}
      <div class="row"><button class="primary" type="submit">${submitLabel}</button><button type="button" @click=${() => this.edit(null)}>Cancel</button></div>
    </form>`;
  }

  private activeItem(experiment: Experiment) {
    const { experimentId, name } = experiment;
    const editing = this.editing;
    if (editing?.kind === 'rename' && editing.experimentId === experimentId)
      return html`<li>${this.nameForm(`New name for ${name}`, 'Save name', name)}</li>`;
    return html`<li>
      <div class="item">
        <a href=${experimentHref(experimentId)} aria-current=${experimentId === this.currentId ? 'page' : 'false'} title=${name}>${name}</a>
        <button class="icon" aria-label=${`Rename experiment ${name}`} title="Rename" @click=${() => this.edit({ kind: 'rename', experimentId })}>✎</button>
        ${
          experimentId === DEFAULT_EXPERIMENT_ID
            ? nothing
            : html`<button class="icon" aria-label=${`Delete experiment ${name}`} title="Delete" @click=${() => this.edit({ kind: 'delete', experimentId })}>✕</button>`
        }
      </div>
      ${
        editing?.kind === 'delete' && editing.experimentId === experimentId
          ? html`<div class="confirm" role="group" aria-label=${`Confirm deleting ${name}`}>
            <span>Delete “${name}”? Its runs stay stored; restore it from Deleted.</span>
            ${this.formError ? html`<p class="error" role="alert">${this.formError}</p>` : nothing}
            <div class="row">
              <button class="danger" @click=${() =>
                this.attempt(async () => {
                  await this.services.tracking.deleteExperiment(experimentId);
                  if (this.currentId === experimentId) location.hash = experimentHref(DEFAULT_EXPERIMENT_ID);
                })}>Delete experiment</button>
              <button @click=${() => this.edit(null)}>Cancel</button>
            </div>
          </div>`
          : nothing
      }
    </li>`;
  }

  private deletedItem(experiment: Experiment) {
    return html`<li class="item">
      <span class="deleted-name" title=${experiment.name}>${experiment.name}</span>
      <button aria-label=${`Restore experiment ${experiment.name}`} @click=${() => this.attempt(() => this.services.tracking.restoreExperiment(experiment.experimentId))}>Restore</button>
    </li>`;
  }

  render() {
    const all = this.experiments.value ?? [];
    const listed = all.filter((e) => e.lifecycleStage === (this.showDeleted ? 'deleted' : 'active'));
    return html`<nav aria-label="Experiments" style="display:contents">
      <div class="top">
        <h2>Experiments</h2>
        ${this.showDeleted ? nothing : html`<button class="primary" @click=${() => this.edit({ kind: 'create' })}>New</button>`}
      </div>
      <div class="views" role="group" aria-label="Which experiments">
        <button aria-pressed=${this.showDeleted ? 'false' : 'true'} @click=${() => ((this.showDeleted = false), this.edit(null))}>Active</button>
        <button aria-pressed=${this.showDeleted ? 'true' : 'false'} @click=${() => ((this.showDeleted = true), this.edit(null))}>Deleted</button>
      </div>
      <ul>
        ${this.editing?.kind === 'create' ? html`<li>${this.nameForm('Name of the new experiment', 'Create experiment')}</li>` : nothing}
        ${this.showDeleted && this.formError ? html`<li><p class="error" role="alert">${this.formError}</p></li>` : nothing}
        ${listed.length === 0 ? html`<li class="empty">${this.showDeleted ? 'No deleted experiments.' : 'No experiments.'}</li>` : nothing}
        ${listed.map((e) => (this.showDeleted ? this.deletedItem(e) : this.activeItem(e)))}
      </ul>
    </nav>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'experiments-sidebar': ExperimentsSidebar;
  }
}
