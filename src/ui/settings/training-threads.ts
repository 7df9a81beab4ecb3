import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { AppServices } from '../services';
import {
  effectiveWasmThreads,
  maxWasmThreads,
  storedWasmThreads,
  tfjsDefaultThreads,
  WASM_THREADS_PREFERENCE,
} from '../../ml/wasm-threads-setting';
import { sectionStyles } from './settings-styles';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Whether this page is cross-origin isolated, and so how the wasm backend trains, with the "Threads for the wasm
 * backend" choice. The training worker records what it really got in each wasm run's `tabflow.wasm_threads` tag.
 */
@customElement('training-threads')
export class TrainingThreads extends LitElement {
  static styles = [
    sectionStyles,
    css`
      label { display: flex; flex-wrap: wrap; align-items: center; gap: var(--tf-space-2); font-size: var(--tf-font-size); margin: var(--tf-space-2) 0; }
      select { font: inherit; padding: var(--tf-space-1) var(--tf-space-2); min-height: 32px; border: 1px solid var(--tf-color-border); border-radius: var(--tf-radius); background: var(--tf-color-surface); color: var(--tf-color-text); }
      @media (max-width: 719px), (pointer: coarse) { select { min-height: 44px; } }
    `,
  ];

  @property({ attribute: false }) services?: AppServices;
  /** The stored count, null for tfjs's own. */
  @state() private setting: number | null = null;

  private readonly cores = navigator.hardwareConcurrency || 1;

  connectedCallback(): void {
    super.connectedCallback();
    void this.services?.tracking
      .getPreference(WASM_THREADS_PREFERENCE)
      .then((value) => (this.setting = storedWasmThreads(value, this.cores)));
  }

  private async onChange(event: Event): Promise<void> {
    const value = (event.target as HTMLSelectElement).value;
    this.setting = value === '' ? null : storedWasmThreads(Number(value), this.cores);
    await this.services?.tracking.setPreference(WASM_THREADS_PREFERENCE, this.setting);
  }

  render() {
    const isolated = crossOriginIsolated;
    const threads = effectiveWasmThreads(this.setting, isolated, this.cores);
    const tfjsOwn = tfjsDefaultThreads(true, this.cores);
    const counts = Array.from({ length: maxWasmThreads(this.cores) }, (_, i) => i + 1);
    if (!isolated)
      return html`
        <h2>Training speed</h2>
        <p class="warn">
          Cross-origin isolated: no, so the wasm backend trains on 1 thread. Serve tabflow with the headers in
          scripts/security-headers.mjs (npm start does), or open it once it is installed, to use its threaded build.
        </p>
      `;
    return html`
      <h2>Training speed</h2>
      <p class="ok">
        Cross-origin isolated: yes. The wasm backend uses its threaded SIMD build, computing with ${plural(threads, 'thread')}.
      </p>
      <label
        >Threads for the wasm backend
        <select @change=${this.onChange}>
          <option value="" ?selected=${this.setting === null}>tfjs's default (${tfjsOwn})</option>
          ${counts.map((n) => html`<option value=${n} ?selected=${this.setting === n}>${plural(n, 'thread')}</option>`)}
        </select>
      </label>
      <p class="muted">
        This device has ${plural(this.cores, 'logical core')}. tfjs gives wasm half of them (at least 1, at most 8),
        counting on two hyper-threads per core. More can train faster where the cores are real cores, and slower when
        anything else keeps them busy: compare the runs' samples_per_sec. A new count applies from the next training.
      </p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'training-threads': TrainingThreads;
  }
}
