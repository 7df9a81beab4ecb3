import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { setThemeChoice, THEME_CHOICES, themeChoice, type ThemeChoice } from '../styles/appearance';
import { sectionStyles } from './settings-styles';

/** Settings → Appearance: the "Theme" select (System follows the device's light or dark setting). */
@customElement('appearance-section')
export class AppearanceSection extends LitElement {
  static styles = [
    sectionStyles,
    css`
      label { display: flex; flex-wrap: wrap; align-items: center; gap: var(--tf-space-2); font-size: var(--tf-font-size); }
      select { font: inherit; padding: var(--tf-space-1) var(--tf-space-2); min-height: 32px; border: 1px solid var(--tf-color-border); border-radius: var(--tf-radius); background: var(--tf-color-surface); color: var(--tf-color-text); }
      @media (max-width: 719px), (pointer: coarse) { select { min-height: 44px; } }
    `,
  ];

  @state() private choice: ThemeChoice = themeChoice();

  private onChange(e: Event): void {
    this.choice = (e.target as HTMLSelectElement).value as ThemeChoice;
    setThemeChoice(this.choice);
  }

  render() {
    return html`
      <h2>Appearance</h2>
      <label>Theme
        <select @change=${this.onChange}>
          ${THEME_CHOICES.map((c) => html`<option value=${c.value} ?selected=${c.value === this.choice}>${c.label}</option>`)}
        </select>
      </label>
      <p class="muted">Presentation mode, for projectors, is the button at the top of every page.</p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'appearance-section': AppearanceSection;
  }
}
