import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import '../export-dialog';
import '../import-dialog';
import type { AppServices } from '../services';
import { sectionStyles } from './settings-styles';

/** Backing up and restoring: everything as one zip in MLflow's layout, and importing such a zip (or an mlruns folder). */
@customElement('data-section')
export class DataSection extends LitElement {
  static styles = sectionStyles;

  @property({ attribute: false }) services!: AppServices;

  render() {
    return html`
      <h2>Your data</h2>
      <p>
        Everything tabflow stores lives only in this browser. Export it to keep a copy or move it to another
        computer: the zip holds all experiments, runs, models and registered models in MLflow's file layout.
      </p>
      <div class="actions">
        <export-dialog .services=${this.services} label="Export everything"></export-dialog>
        <import-dialog .services=${this.services}></import-dialog>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'data-section': DataSection;
  }
}
