import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Run } from '../../tracking';
import '../export-dialog';
import '../models/register-model-form';
import { buttonStyles } from '../primitives/controls';
import { touchTargets } from '../primitives/touch-targets';
import type { AppServices } from '../services';
import type { DiffRow } from './diff';
import { decideWinner } from './winner';

/**
 * What a class does once it has compared: "Export these" (the compared runs as one MLflow zip) and
 * "Register winner" (the winning run's model as a version of a registered model, as on the run page).
 */
@customElement('compare-actions')
export class CompareActions extends LitElement {
  static styles = [
    buttonStyles,
    touchTargets,
    css`
      :host { display: flex; flex-wrap: wrap; gap: var(--tf-space-2); align-items: flex-start; }
      button[aria-expanded='true'] { background: color-mix(in srgb, var(--tf-color-accent) 12%, var(--tf-color-surface)); border-color: var(--tf-color-accent); }
      .panel { flex-basis: 100%; background: var(--tf-color-surface); border: 1px solid var(--tf-color-border); border-radius: var(--tf-radius-lg); padding: var(--tf-space-4); }
      .panel p { margin: 0 0 var(--tf-space-3); font-size: var(--tf-font-size); }
    `,
  ];

  @property({ attribute: false }) services!: AppServices;
  @property({ attribute: false }) runs: Run[] = [];
  @property({ attribute: false }) rows: DiffRow[] = [];
  @property({ attribute: false }) winBy: string | null = null;
  @state() private registering = false;

  render() {
    const winner = decideWinner(this.runs, this.rows, this.winBy)?.ranking[0]?.run;
    return html`
      <export-dialog .services=${this.services} .runIds=${this.runs.map((r) => r.info.runId)} label="Export these"></export-dialog>
      <button type="button" aria-expanded=${this.registering ? 'true' : 'false'} aria-controls="register-winner" ?disabled=${!winner}
        title=${winner ? `Register the model of ${winner.info.runName || winner.info.runId}` : 'No run has the winning metric'}
        @click=${() => (this.registering = !this.registering)}>Register winner</button>
      ${
        this.registering && winner
          ? html`<div class="panel" id="register-winner" role="group" aria-label="Register the winner's model">
            <p>The model of <strong>${winner.info.runName || winner.info.runId}</strong>, the winner, becomes a new version.</p>
            <register-model-form .services=${this.services} .runId=${winner.info.runId}></register-model-form>
          </div>`
          : nothing
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'compare-actions': CompareActions;
  }
}
