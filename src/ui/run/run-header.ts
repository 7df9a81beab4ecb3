import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Run } from '../../tracking';
import { rerunHref } from '../playground/playground-link';
import './run-repeat';
import { errorMessage, type AppServices } from '../services';
import { touchTargets } from '../primitives/touch-targets';

/** The run's name (editable, as MLflow allows), its status and the run actions: Re-run, Delete, Restore. */
@customElement('run-header')
export class RunHeader extends LitElement {
  static styles = [
    touchTargets,
    css`
    :host { display: flex; flex-wrap: wrap; align-items: center; gap: 12px; }
    h1 { font-size: var(--tf-font-size-xl); margin: 0; overflow-wrap: anywhere; }
    .name { display: flex; align-items: center; gap: 8px; flex: 1; min-width: 240px; }
    .status { font-size: var(--tf-font-size-sm); font-weight: 600; padding: 2px 10px; border-radius: 12px; color: var(--tf-color-on-accent); background: var(--c); }
    .RUNNING { --c: var(--tf-color-accent); } .FINISHED { --c: var(--tf-color-success); } .FAILED { --c: var(--tf-color-danger); } .KILLED { --c: var(--tf-color-text-muted); } .SCHEDULED { --c: var(--tf-color-warning); }
    .deleted { font-size: var(--tf-font-size-sm); padding: 2px 10px; border-radius: 12px; border: 1px solid var(--tf-color-danger); color: var(--tf-color-danger); }
    .actions { display: flex; gap: 8px; }
    a.button, button { font: inherit; font-size: var(--tf-font-size); padding: 5px 12px; border: 1px solid var(--tf-color-border); border-radius: 6px; background: var(--tf-color-surface); color: var(--tf-color-text); cursor: pointer; text-decoration: none; }
    a.button:hover, button:hover { background: color-mix(in srgb, var(--tf-color-border) 55%, transparent); }
    button.icon { border: 0; background: transparent; color: var(--tf-color-text-muted); padding: 4px 6px; }
    button.danger { color: var(--tf-color-danger); }
    .confirm { flex-basis: 100%; display: flex; gap: 8px; align-items: center; background: color-mix(in srgb, var(--tf-color-warning) 14%, var(--tf-color-surface)); border: 1px solid var(--tf-color-warning); border-radius: 6px; padding: 6px 10px; font-size: var(--tf-font-size); }
    .confirm button.danger { background: var(--tf-color-danger); color: var(--tf-color-on-accent); border-color: var(--tf-color-danger); }
    form { display: flex; gap: 6px; flex: 1; }
    input { font: inherit; font-size: var(--tf-font-size-xl); padding: 4px 8px; border: 1px solid var(--tf-color-border); border-radius: 6px; flex: 1; min-width: 200px; }
    .error { flex-basis: 100%; color: var(--tf-color-danger); font-size: var(--tf-font-size); margin: 0; }
    .repeat { flex-basis: 100%; }
  `,
  ];

  @property({ attribute: false }) services!: AppServices;
  @property({ attribute: false }) run!: Run;
  @state() private renaming = false;
  @state() private confirmingDelete = false;
  @state() private error = '';

  private async attempt(what: string, action: () => Promise<void>): Promise<void> {
    this.error = '';
    try {
      await action();
      this.renaming = false;
      this.confirmingDelete = false;
    } catch (error) {
      this.error = `Could not ${what}: ${errorMessage(error)}`;
    }
  }

  private rename(e: SubmitEvent): void {
    e.preventDefault();
    const name = new FormData(e.target as HTMLFormElement).get('name')?.toString().trim() ?? '';
    void this.attempt('rename the run', () => this.services.tracking.setRunName(this.run.info.runId, name));
  }

  render() {
    const { info, data } = this.run;
    const tracking = this.services.tracking;
    const deleted = info.lifecycleStage === 'deleted';
    return html`
      <div class="name">
        ${
          this.renaming
            ? html`<form @submit=${this.rename} @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && (this.renaming = false)}>
              <input name="name" aria-label="Run name" .value=${info.runName} required autofocus />
              <button type="submit">Save name</button><button type="button" @click=${() => (this.renaming = false)}>Cancel</button>
            </form>`
            : html`<h1>${info.runName}</h1><button class="icon" aria-label="Rename run" title="Rename" @click=${() => (this.renaming = true)}>✎</button>`
        }
        <span class="status ${info.status}">${info.status}</span>
        ${deleted ? html`<span class="deleted">Deleted</span>` : nothing}
      </div>
      <div class="actions">
        <a class="button" href=${rerunHref(data.params, info.experimentId)} title="Open the Playground with this run's settings">Re-run</a>
        ${
          deleted
            ? html`<button @click=${() => this.attempt('restore the run', () => tracking.restoreRun(info.runId))}>Restore</button>`
            : html`<button class="danger" @click=${() => (this.confirmingDelete = true)}>Delete</button>`
        }
      </div>
      ${
        this.confirmingDelete
          ? html`<div class="confirm" role="group" aria-label="Confirm deleting this run">
            <span>Delete this run? It stays stored and can be restored here or from the experiment's deleted runs.</span>
            <button class="danger" @click=${() => this.attempt('delete the run', () => tracking.deleteRun(info.runId))}>Delete run</button>
            <button @click=${() => (this.confirmingDelete = false)}>Cancel</button>
          </div>`
          : nothing
      }
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <run-repeat class="repeat" .services=${this.services} .run=${this.run}></run-repeat>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'run-header': RunHeader;
  }
}
