import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Run } from '../tracking';
import { runHref } from './links';
import { LiveQueryController } from './live-query-controller';
import type { AppServices } from './services';

/**
 * `<run-link>`: a link to a run that reads as the run's name, with its 32-character id on hover (as a title).
 * The id shows only while the name loads, or when the run is no longer stored.
 */
@customElement('run-link')
export class RunLink extends LitElement {
  static styles = css`
    :host { display: inline; }
    /* Usually inside running text, where a link needs more than its colour to stand out. */
    a { color: var(--tf-color-accent); text-decoration: underline; text-underline-offset: 2px; }
    .gone { color: var(--tf-color-text-muted); }
  `;

  @property({ attribute: false }) services!: AppServices;
  @property() runId = '';
  private run = new LiveQueryController<Run | null>(this);

  protected willUpdate(changed: PropertyValues): void {
    if (changed.has('runId') || changed.has('services')) {
      const { runId, services } = this;
      this.run.setQuery(() => services.tracking.getRun(runId).catch(() => null));
    }
  }

  render() {
    const run = this.run.value;
    if (run === null) return html`<span class="gone" title=${this.runId}>a run no longer stored</span>`;
    return html`<a href=${runHref(this.runId)} title=${`Run ${this.runId}`}>${run?.info.runName || this.runId}</a>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'run-link': RunLink;
  }
}
