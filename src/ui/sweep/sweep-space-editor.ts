import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { SWEEP_SETTINGS, type SweepSetting } from '../../sweep';
import type { SettingDraft, SweepForm } from './sweep-form';
import { sweepStyles } from './sweep-styles';

export interface SettingChangeDetail {
  key: string;
  draft: SettingDraft;
}

/**
 * `<sweep-space-editor>`: every setting a sweep can vary, each with a "Sweep …" checkbox; a swept setting takes
 * a list of values (grid search, and choices in a random search) or a range and scale (numbers in a random search).
 *
 * @fires setting-change - `{ key, draft }` on every edit of one setting.
 */
@customElement('sweep-space-editor')
export class SweepSpaceEditor extends LitElement {
  static styles = [
    sweepStyles,
    css`
      :host { display: block; }
      .settings { display: grid; gap: 6px 24px; grid-template-columns: repeat(auto-fill, minmax(min(420px, 100%), 1fr)); }
      .setting { display: grid; grid-template-columns: 160px 1fr; gap: 8px; align-items: center; }
      .inputs { display: flex; gap: 6px; flex-wrap: wrap; align-items: center; min-height: 30px; }
      .inputs input { width: 76px; }
      .inputs input.values { flex: 1; min-width: 120px; }
    `,
  ];

  @property({ attribute: false }) settings!: SweepForm['settings'];
  @property() method: SweepForm['method'] = 'grid';
  @property({ type: Boolean }) disabled = false;
  /** Settings that cannot be swept here (a CSV has no generator recipe). */
  @property({ attribute: false }) unavailable: string[] = [];

  private change(key: string, patch: Partial<SettingDraft>): void {
    const draft = { ...this.settings[key], ...patch };
    this.dispatchEvent(
      new CustomEvent<SettingChangeDetail>('setting-change', { detail: { key, draft }, bubbles: true, composed: true }),
    );
  }

  private inputs(setting: SweepSetting, draft: SettingDraft) {
    const name = setting.label.toLowerCase();
    const text = (e: Event) => (e.target as HTMLInputElement).value;
    if (this.method === 'grid' || setting.kind === 'choice') {
      const hint = setting.kind === 'choice' ? setting.choices?.join(', ') : 'e.g. 1, 2, 4';
      return html`<input class="values" aria-label="Values to try for ${name}" placeholder=${hint ?? ''} .value=${draft.values}
        ?disabled=${this.disabled} @input=${(e: Event) => this.change(setting.key, { values: text(e) })} />`;
    }
    return html`
      <input type="number" step="any" aria-label="Lowest ${name}" placeholder="from" .value=${draft.min} ?disabled=${this.disabled}
        @input=${(e: Event) => this.change(setting.key, { min: text(e) })} />
      <input type="number" step="any" aria-label="Highest ${name}" placeholder="to" .value=${draft.max} ?disabled=${this.disabled}
        @input=${(e: Event) => this.change(setting.key, { max: text(e) })} />
      <select aria-label="Scale for ${name}" ?disabled=${this.disabled}
        @change=${(e: Event) => this.change(setting.key, { scale: (e.target as HTMLSelectElement).value as SettingDraft['scale'] })}>
        <option value="uniform" ?selected=${draft.scale === 'uniform'}>uniform</option>
        <option value="log-uniform" ?selected=${draft.scale === 'log-uniform'}>log-uniform</option>
      </select>`;
  }

  render() {
    return html`<div class="settings">
      ${SWEEP_SETTINGS.filter((s) => !this.unavailable.includes(s.key)).map((setting) => {
        const draft = this.settings[setting.key];
        return html`<div class="setting">
          <label class="inline"><input type="checkbox" .checked=${draft.swept} ?disabled=${this.disabled}
            @change=${(e: Event) => this.change(setting.key, { swept: (e.target as HTMLInputElement).checked })} />Sweep ${setting.label.toLowerCase()}</label>
          <div class="inputs">${draft.swept ? this.inputs(setting, draft) : nothing}</div>
        </div>`;
      })}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sweep-space-editor': SweepSpaceEditor;
  }
}
