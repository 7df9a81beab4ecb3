import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import '../models/model-detail';
import '../models/model-version-view';
import '../models/registered-models-list';
import type { AppServices, PageRoute } from '../services';

/**
 * The model registry: #/models lists registered models, #/models/<name> shows one with its versions and aliases,
 * #/models/<name>/<version> (or /@<alias>) a version, ready to predict with and evaluate.
 */
@customElement('models-page')
export class ModelsPage extends LitElement {
  static styles = css`
    :host { display: block; padding: 16px 24px; overflow: auto; flex: 1; }
  `;

  @property({ attribute: false }) services!: AppServices;
  @property({ attribute: false }) route!: PageRoute;

  render() {
    const [name, reference] = this.route?.segments ?? [];
    if (name && reference)
      return html`<model-version-view .services=${this.services} .name=${name} .reference=${reference}></model-version-view>`;
    if (name) return html`<model-detail .services=${this.services} .name=${name}></model-detail>`;
    return html`<registered-models-list .services=${this.services}></registered-models-list>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'models-page': ModelsPage;
  }
}
