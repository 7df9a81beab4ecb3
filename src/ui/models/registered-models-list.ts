import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { RegisteredModel } from '../../tracking';
import { LiveQueryController } from '../live-query-controller';
import type { AppServices } from '../services';
import { modelsStyles } from './models-styles';
import { formatTime } from '../../format';
import { modelHref } from '../links';
import '../primitives/empty-state';
import '../primitives/page-header';

/** #/models: every registered model with its newest version and aliases, kept live. */
@customElement('registered-models-list')
export class RegisteredModelsList extends LitElement {
  static styles = modelsStyles;

  @property({ attribute: false }) services!: AppServices;
  private models = new LiveQueryController<RegisteredModel[]>(this, () =>
    this.services.tracking.searchRegisteredModels(),
  );

  render() {
    const models = this.models.value;
    if (this.models.error)
      return html`<p class="error" role="alert">Could not read the registry: ${String(this.models.error)}</p>`;
    if (!models) return html`<p class="note">Loading…</p>`;
    return html`
      <page-header heading="Registered models" lead="Models registered from runs: their versions, aliases and evaluations."></page-header>
      ${
        models.length === 0
          ? html`<empty-state href="#/experiments" action="Find a run with a model">No registered models yet. Open a run that has a model and press “Register model”.</empty-state>`
          : html`<table aria-label="Registered models">
            <thead><tr><th>Name</th><th>Latest version</th><th>Aliases</th><th>Description</th><th>Last modified</th></tr></thead>
            <tbody>
              ${models.map(
                (m) => html`<tr>
                  <td><a href=${modelHref(m.name)}>${m.name}</a></td>
                  <td>${m.latestVersion ? `Version ${m.latestVersion}` : '—'}</td>
                  <td>${Object.entries(m.aliases).map(([alias, v]) => html`<span class="chip">@${alias} → v${v}</span>`)}</td>
                  <td>${m.description}</td>
                  <td>${formatTime(m.lastUpdatedTimestamp)}</td>
                </tr>`,
              )}
            </tbody>
          </table>`
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'registered-models-list': RegisteredModelsList;
  }
}
